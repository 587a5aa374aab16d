package org.vosbench.video.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerPointer;
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
            String streams = undecodableStreams(video);
            if (streams != null) {
                // JavaCV skips streams without a decoder and then says it found none
                throw new InvalidInputException(video, "unsupported video codec: FFmpeg has no decoder for " + streams, e);
            }
            throw new InvalidInputException(video, problem + " (" + describe(e) + ")", e);
        }
        if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            throw new InvalidInputException(video, "has no video stream");
        }
    }

    /**
     * @return the streams of the file that are video, or of no codec FFmpeg knows, and that no
     *     decoder takes, in words ("stream 0 (FourCC 'ZZZZ')"); null if there are none or the file
     *     cannot be opened
     */
    static String undecodableStreams(Path video) {
        AVFormatContext context = new AVFormatContext(null);
        if (avformat.avformat_open_input(context, video.toString(), null, null) < 0) {
            return null;
        }
        try {
            avformat.avformat_find_stream_info(context, (PointerPointer<?>) null);
            List<String> found = new ArrayList<>();
            for (int i = 0; i < context.nb_streams(); i++) {
                AVCodecParameters p = context.streams(i).codecpar();
                boolean candidate = p.codec_type() == avutil.AVMEDIA_TYPE_VIDEO || p.codec_id() == avcodec.AV_CODEC_ID_NONE
                        && p.codec_type() != avutil.AVMEDIA_TYPE_AUDIO && p.codec_type() != avutil.AVMEDIA_TYPE_SUBTITLE;
                if (candidate && avcodec.avcodec_find_decoder(p.codec_id()) == null) {
                    found.add("stream " + i + " (" + codecName(p) + ")");
                }
            }
            return found.isEmpty() ? null : String.join(", ", found);
        } finally {
            avformat.avformat_close_input(context);
        }
    }

    private static String codecName(AVCodecParameters p) {
        if (p.codec_id() != avcodec.AV_CODEC_ID_NONE) {
            return avcodec.avcodec_get_name(p.codec_id()).getString();
        }
        int tag = p.codec_tag();
        if (tag == 0) {
            return "unknown codec";
        }
        StringBuilder fourCc = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            char c = (char) (tag >> 8 * i & 0xFF);
            fourCc.append(c >= 32 && c < 127 ? c : '?');
        }
        return "FourCC '" + fourCc + "'";
    }

    /** @return FFmpeg's message without JavaCV's call details */
    public static String describe(Exception e) {
        String m = String.valueOf(e.getMessage());
        int newline = m.indexOf('\n');
        return (newline >= 0 ? m.substring(0, newline) : m).trim();
    }
}
