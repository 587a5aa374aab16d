package org.vosbench.video;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.vosbench.core.AtomicFiles;
import org.vosbench.core.CancelledException;
import org.vosbench.core.InvalidInputException;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.video.internal.Ffmpeg;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Decodes a video file (mp4, mov, mkv, avi, webm; whatever codec FFmpeg's decoders have: H.264,
 * H.265, VP9, AV1, ...) into one generic-folder sequence, {@code <root>/JPEGImages/<name>/00000.jpg}
 * ..., with {@code <root>/JPEGImages/<name>/video.json} recording the source file, its codec and
 * frame rate and every written frame's timestamp. The sequence folder appears whole or not at all:
 * frames are decoded into a hidden folder beside it, renamed when the last frame is written.
 */
public final class VideoImport {

    /** Name of the record written beside the frames (not an image, so dataset readers skip it). */
    public static final String RECORD = "video.json";

    /** Image format of the written frames. */
    public enum ImageFormat {
        /** JPEG at quality 0.95. */
        JPG,
        /** Lossless PNG. */
        PNG
    }

    /**
     * What to import.
     *
     * @param name the sequence name; {@code null}: the video's file name without extension
     * @param fps frames per second to keep (frames are picked at this rate by timestamp);
     *     {@code null} or ≤ 0: every frame
     * @param start first second kept (timestamps relative to the first frame); {@code null}: from the start
     * @param end last second kept; {@code null}: to the end
     * @param maxSide frames larger than this on their long side are scaled down to it (aspect kept,
     *     even sizes); ≤ 0: the video's size
     * @param imageFormat JPEG (quality 0.95) or PNG
     */
    public record Options(String name, Double fps, Double start, Double end, int maxSide, ImageFormat imageFormat) {
        public Options {
            Objects.requireNonNull(imageFormat);
        }

        /** @return every frame, scaled to at most 854 pixels on the long side (DAVIS 480p), JPEG */
        public static Options defaults() {
            return new Options(null, null, null, null, 854, ImageFormat.JPG);
        }
    }

    /**
     * What was imported.
     *
     * @param sequence the folder of frames
     * @param frames the number of frames written
     * @param decodedFrames the number of frames the video held (decoded)
     * @param codec the video codec's name
     * @param sourceFps the container's frame rate
     * @param width written width
     * @param height written height
     */
    public record Result(Path sequence, int frames, int decodedFrames, String codec, double sourceFps, int width,
            int height) {
    }

    private VideoImport() {
    }

    /**
     * Imports a video.
     *
     * @param video the video file
     * @param datasetRoot the generic-folder dataset to add the sequence to (created if missing)
     * @throws InvalidInputException naming the video when it cannot be opened, has no video stream,
     *     an unsupported codec, no frames, or is truncated or damaged; or naming the sequence folder
     *     when it exists already
     * @throws CancelledException when the monitor is cancelled; nothing is left behind
     */
    public static Result importVideo(Path video, Path datasetRoot, Options options, ProgressMonitor monitor)
            throws IOException {
        if (!Files.isRegularFile(video)) {
            throw new InvalidInputException(video, Files.exists(video) ? "is not a file" : "no such video file");
        }
        String name = options.name() != null ? options.name() : stem(video.getFileName().toString());
        if (name.isEmpty() || name.startsWith(".") || name.contains("/")) {
            throw new IllegalArgumentException("'" + name + "' is not a sequence name");
        }
        Path images = datasetRoot.resolve("JPEGImages");
        Path target = images.resolve(name);
        if (Files.exists(target)) {
            throw new InvalidInputException(target, "the sequence exists already; choose another --name or remove it");
        }
        Ffmpeg.load();
        Files.createDirectories(images);
        Path partial = Files.createTempDirectory(images, "." + name + ".partial-");
        boolean done = false;
        try {
            Result result = decode(video, partial, target, name, options, monitor);
            Files.move(partial, target);
            done = true;
            return result;
        } finally {
            if (!done) {
                deleteTree(partial);
            }
        }
    }

    private static Result decode(Path video, Path partial, Path target, String name, Options options,
            ProgressMonitor monitor) throws IOException {
        Probe probe = probe(video);
        int[] size = outputSize(probe.width, probe.height, options.maxSide());
        JsonArray frameRecords = new JsonArray();
        int decoded = 0;
        int written = 0;
        double step = options.fps() != null && options.fps() > 0 ? 1.0 / options.fps() : 0;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            grabber.setImageWidth(size[0]);
            grabber.setImageHeight(size[1]);
            Ffmpeg.start(grabber, video);
            monitor.begin("Importing " + video.getFileName(), probe.streamFrames > 0 ? (int) probe.streamFrames : -1);
            double firstTimestamp = Double.NaN;
            double nextPick = Double.NEGATIVE_INFINITY;
            while (true) {
                monitor.checkCanceled();
                Frame frame;
                try {
                    frame = grabber.grabImage();
                } catch (FFmpegFrameGrabber.Exception e) {
                    throw new InvalidInputException(video, "damaged video: decoding frame " + decoded + " failed ("
                            + Ffmpeg.describe(e) + ")", e);
                }
                if (frame == null) {
                    break;
                }
                if (frame.image == null) {
                    continue;
                }
                double timestamp = grabber.getTimestamp() / 1e6;
                if (Double.isNaN(firstTimestamp)) {
                    firstTimestamp = timestamp;
                }
                double t = timestamp - firstTimestamp;
                decoded++;
                monitor.worked(1);
                if (options.start() != null && t < options.start() - 1e-6) {
                    continue;
                }
                if (options.end() != null && t > options.end() + 1e-6) {
                    continue; // keep decoding: the frame count is checked against the container's
                }
                if (step > 0) {
                    // Timestamps are rounded to microseconds: a millisecond of slack keeps exact rates exact.
                    if (t < nextPick - 1e-3) {
                        continue;
                    }
                    if (nextPick == Double.NEGATIVE_INFINITY) {
                        nextPick = options.start() != null ? options.start() : t;
                    }
                    while (nextPick <= t + 1e-3) {
                        nextPick += step;
                    }
                }
                String frameName = String.format(Locale.ROOT, "%05d", written);
                String file = frameName + (options.imageFormat() == ImageFormat.JPG ? ".jpg" : ".png");
                writeImage(partial.resolve(file), frame, options.imageFormat());
                JsonObject record = new JsonObject();
                record.addProperty("name", frameName);
                record.addProperty("timestamp", Math.round(t * 1e6) / 1e6);
                frameRecords.add(record);
                written++;
            }
            grabber.stop();
        }
        if (decoded == 0) {
            throw new InvalidInputException(video, "the video has no decodable frames");
        }
        if (probe.streamFrames > 0 && decoded < probe.streamFrames) {
            throw new InvalidInputException(video, "truncated or damaged: the container lists " + probe.streamFrames
                    + " frames, only " + decoded + " could be decoded");
        }
        if (written == 0) {
            throw new InvalidInputException(video, "no frame lies between --start and --end (the video has "
                    + decoded + " frames)");
        }
        JsonObject record = new JsonObject();
        record.addProperty("source", video.toAbsolutePath().normalize().toString());
        record.addProperty("sourceBytes", Files.size(video));
        record.addProperty("container", probe.container);
        record.addProperty("codec", probe.codec);
        record.addProperty("sourceFps", probe.fps);
        record.addProperty("sourceWidth", probe.width);
        record.addProperty("sourceHeight", probe.height);
        record.addProperty("decodedFrames", decoded);
        record.addProperty("width", size[0]);
        record.addProperty("height", size[1]);
        if (step > 0) {
            record.addProperty("fps", options.fps());
        }
        if (options.start() != null) {
            record.addProperty("start", options.start());
        }
        if (options.end() != null) {
            record.addProperty("end", options.end());
        }
        record.add("frames", frameRecords);
        AtomicFiles.writeString(partial.resolve(RECORD), new GsonBuilder().setPrettyPrinting().create().toJson(record));
        monitor.done();
        return new Result(target, written, decoded, probe.codec, probe.fps, size[0], size[1]);
    }

    private record Probe(int width, int height, String codec, String container, double fps, long streamFrames) {
    }

    private static Probe probe(Path video) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            Ffmpeg.start(grabber, video);
            long streamFrames = 0;
            AVFormatContext context = grabber.getFormatContext();
            for (int i = 0; i < context.nb_streams(); i++) {
                AVStream stream = context.streams(i);
                if (stream.codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO) {
                    streamFrames = stream.nb_frames(); // 0 where the container does not say (mkv, webm)
                    break;
                }
            }
            Probe probe = new Probe(grabber.getImageWidth(), grabber.getImageHeight(), grabber.getVideoCodecName(),
                    grabber.getFormat(), grabber.getVideoFrameRate(), streamFrames);
            grabber.stop();
            return probe;
        }
    }

    /** Scales the long side down to {@code maxSide}, keeping the aspect ratio and even sizes. */
    static int[] outputSize(int width, int height, int maxSide) {
        if (maxSide <= 0 || Math.max(width, height) <= maxSide) {
            return new int[] {width, height};
        }
        double scale = (double) maxSide / Math.max(width, height);
        int w = Math.max(2, (int) (width * scale) & ~1);
        int h = Math.max(2, (int) (height * scale) & ~1);
        return new int[] {w, h};
    }

    private static void writeImage(Path file, Frame frame, ImageFormat format) throws IOException {
        BufferedImage image = new BufferedImage(frame.imageWidth, frame.imageHeight, BufferedImage.TYPE_3BYTE_BGR);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        ByteBuffer source = ((ByteBuffer) frame.image[0]).duplicate();
        int rowBytes = frame.imageWidth * 3;
        for (int y = 0; y < frame.imageHeight; y++) {
            source.position(y * frame.imageStride);
            source.get(pixels, y * rowBytes, rowBytes);
        }
        AtomicFiles.write(file, out -> encode(image, format, out));
    }

    private static void encode(BufferedImage image, ImageFormat format, OutputStream out) throws IOException {
        if (format == ImageFormat.PNG) {
            ImageIO.write(image, "png", out);
            return;
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.95f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? fileName : fileName.substring(0, dot);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (var walk = Files.walk(dir)) {
            walk.forEach(paths::add);
        }
        for (int i = paths.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(paths.get(i));
        }
    }
}
