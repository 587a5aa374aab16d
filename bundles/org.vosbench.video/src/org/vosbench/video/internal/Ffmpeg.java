package org.vosbench.video.internal;

import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.vosbench.core.InvalidInputException;

/** Loads FFmpeg's native libraries once and turns its failures into messages naming the file. */
public final class Ffmpeg {

    private static volatile boolean loaded;

    private Ffmpeg() {
    }

    /**
     * Loads the natives (extracted by JavaCPP into {@code ~/.javacpp/cache} the first time) and
     * silences FFmpeg's own logging: every failure is reported once, by an exception.
     *
     * @throws IllegalStateException when the natives cannot be loaded on this machine
     */
    public static void load() {
        if (loaded) {
            return;
        }
        synchronized (Ffmpeg.class) {
            if (!loaded) {
                try {
                    // Not FFmpegFrameGrabber.tryLoad(): it also loads libavdevice, whose JNI library
                    // links PulseAudio and fails on machines without it. Files need only these.
                    Loader.load(avutil.class);
                    Loader.load(swresample.class);
                    Loader.load(avcodec.class);
                    Loader.load(avformat.class);
                    Loader.load(swscale.class);
                    avutil.av_log_set_level(avutil.AV_LOG_FATAL);
                } catch (Exception | LinkageError e) {
                    throw new IllegalStateException("FFmpeg's native libraries (linux-x86_64) cannot be loaded: " + e, e);
                }
                loaded = true;
            }
        }
    }

    /** Opens a grabber, saying in words what is wrong with the file when FFmpeg cannot. */
    public static void start(FFmpegFrameGrabber grabber, Path video) throws InvalidInputException {
        load();
        try {
            grabber.start();
        } catch (FFmpegFrameGrabber.Exception e) {
            String m = String.valueOf(e.getMessage());
            String problem;
            if (m.contains("avformat_open_input")) {
                problem = "not a video FFmpeg can open (unknown container or damaged header)";
            } else if (m.contains("avformat_find_stream_info")) {
                problem = "damaged or truncated video: its streams cannot be read";
            } else if (m.contains("Could not find") || m.contains("video stream")) {
                problem = "has no video stream";
            } else if (m.contains("avcodec_find_decoder") || m.contains("Unsupported")) {
                problem = "unsupported video codec: FFmpeg has no decoder for it";
            } else if (m.contains("avcodec_open2")) {
                problem = "the video's decoder cannot be opened (unsupported profile or damaged stream)";
            } else {
                problem = "cannot be decoded";
            }
            throw new InvalidInputException(video, problem + " (" + describe(e) + ")", e);
        }
        if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            throw new InvalidInputException(video, "has no video stream");
        }
    }

    /** @return FFmpeg's message without JavaCV's call details */
    public static String describe(Exception e) {
        String m = String.valueOf(e.getMessage());
        int newline = m.indexOf('\n');
        return (newline >= 0 ? m.substring(0, newline) : m).trim();
    }
}
