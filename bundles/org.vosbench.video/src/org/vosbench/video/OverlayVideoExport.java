package org.vosbench.video;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Objects;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.vosbench.core.CancelledException;
import org.vosbench.core.ImageReader;
import org.vosbench.core.InvalidInputException;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.Palette;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.core.RgbImage;
import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.video.internal.Ffmpeg;

/**
 * Writes a video of one sequence with its masks drawn over the frames in the DAVIS palette, as
 * Cutie's and XMem's tools export them: filled (the object's colour blended at half opacity, its
 * outline solid) or contour only. H.264 in {@code .mp4}/{@code .mov}/{@code .mkv}, VP9 in
 * {@code .webm}, MPEG-4 part 2 in {@code .avi} (and wherever the H.264 encoder is missing). The
 * file is written under a temporary name and renamed when complete.
 */
public final class OverlayVideoExport {

    /** How masks are drawn. */
    public enum Overlay {
        /** Blended at half opacity with a solid outline. */
        FILLED,
        /** Outline only. */
        CONTOUR
    }

    /**
     * @param frames the number of frames written
     * @param masked how many of them had a mask
     * @param codec the encoder used
     */
    public record Result(int frames, int masked, String codec) {
    }

    private OverlayVideoExport() {
    }

    /**
     * @param dataset the dataset the sequence belongs to (it says where result masks are)
     * @param sequence the sequence
     * @param results the result folder in the dataset's result layout
     * @param output the video to write (its extension chooses the container)
     * @param overlay filled or contour
     * @param fps frames per second of the video
     * @throws InvalidInputException when a frame or mask cannot be read, or no frame has a mask
     * @throws CancelledException when cancelled; the output is then not written
     */
    public static Result export(Dataset dataset, SequenceRef sequence, Path results, Path output, Overlay overlay,
            double fps, ProgressMonitor monitor) throws IOException {
        Objects.requireNonNull(overlay);
        if (!(fps > 0)) {
            throw new IllegalArgumentException("fps must be positive: " + fps);
        }
        String extension = extension(output.getFileName().toString());
        Ffmpeg.load();
        int codec = codecFor(extension);
        Path absolute = output.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + ".partial." + extension);
        Palette palette = Palette.davis();
        boolean moved = false;
        int masked = 0;
        try {
            RgbImage first = ImageReader.readRgb(sequence.frame(0).image());
            int width = first.width() & ~1; // 4:2:0 chroma needs even sizes
            int height = first.height() & ~1;
            monitor.begin("Writing " + output.getFileName(), sequence.length());
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(temp.toFile(), width, height, 0)) {
                recorder.setFormat(formatFor(extension));
                recorder.setVideoCodec(codec);
                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                recorder.setFrameRate(fps);
                recorder.setVideoQuality(codec == avcodec.AV_CODEC_ID_MPEG4 ? 2 : 18);
                recorder.setVideoOption("crf", "18");
                recorder.start();
                byte[] bgr = new byte[first.width() * first.height() * 3];
                ByteBuffer buffer = ByteBuffer.allocateDirect(bgr.length);
                for (SequenceRef.Frame frame : sequence.frames()) {
                    monitor.checkCanceled();
                    RgbImage image = frame.index() == 0 ? first : ImageReader.readRgb(frame.image());
                    if (image.width() != first.width() || image.height() != first.height()) {
                        throw new InvalidInputException(frame.image(), "is " + image.width() + "x" + image.height()
                                + ", the sequence's first frame " + first.width() + "x" + first.height());
                    }
                    Path maskFile = dataset.resultPath(results, sequence, frame.name());
                    LabelMask mask = null;
                    if (Files.exists(maskFile)) {
                        mask = MaskIO.read(maskFile);
                        if (mask.width() != image.width() || mask.height() != image.height()) {
                            throw new InvalidInputException(maskFile, "is " + mask.width() + "x" + mask.height()
                                    + ", its frame " + image.width() + "x" + image.height());
                        }
                        masked++;
                    }
                    draw(image, mask, overlay, palette, bgr);
                    buffer.clear();
                    buffer.put(bgr).flip();
                    recorder.recordImage(image.width(), image.height(), Frame.DEPTH_UBYTE, 3, image.width() * 3,
                            avutil.AV_PIX_FMT_BGR24, buffer);
                    monitor.worked(1);
                }
                recorder.stop();
            } catch (FFmpegFrameRecorder.Exception e) {
                throw new IOException(output + ": the video cannot be written (" + Ffmpeg.describe(e) + ")", e);
            }
            if (masked == 0) {
                throw new InvalidInputException(results, "no mask of sequence '" + sequence.name()
                        + "' found (expected e.g. " + dataset.resultPath(results, sequence, sequence.frame(0).name()) + ")");
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            monitor.done();
            return new Result(sequence.length(), masked, avcodec.avcodec_get_name(codec).getString());
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Draws the mask over the image into {@code bgr} (B, G, R per pixel, row-major). */
    static void draw(RgbImage image, LabelMask mask, Overlay overlay, Palette palette, byte[] bgr) {
        byte[] rgb = image.rgb();
        int w = image.width();
        int h = image.height();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                int r = rgb[3 * p] & 0xFF;
                int g = rgb[3 * p + 1] & 0xFF;
                int b = rgb[3 * p + 2] & 0xFF;
                int label = mask == null ? 0 : mask.labels()[p] & 0xFF;
                if (label != 0 && label != LabelMask.VOID) {
                    int colour = palette.rgb(label);
                    int cr = colour >> 16 & 0xFF;
                    int cg = colour >> 8 & 0xFF;
                    int cb = colour & 0xFF;
                    if (isBoundary(mask, x, y, label)) {
                        r = cr;
                        g = cg;
                        b = cb;
                    } else if (overlay == Overlay.FILLED) {
                        r = (r + cr + 1) / 2;
                        g = (g + cg + 1) / 2;
                        b = (b + cb + 1) / 2;
                    }
                }
                bgr[3 * p] = (byte) b;
                bgr[3 * p + 1] = (byte) g;
                bgr[3 * p + 2] = (byte) r;
            }
        }
    }

    /** A pixel of an object with a 4-neighbour outside it (or on the image border). */
    private static boolean isBoundary(LabelMask mask, int x, int y, int label) {
        int w = mask.width();
        int h = mask.height();
        byte[] l = mask.labels();
        return x == 0 || y == 0 || x == w - 1 || y == h - 1 || (l[y * w + x - 1] & 0xFF) != label
                || (l[y * w + x + 1] & 0xFF) != label || (l[(y - 1) * w + x] & 0xFF) != label
                || (l[(y + 1) * w + x] & 0xFF) != label;
    }

    private static int codecFor(String extension) {
        int wanted = switch (extension) {
            case "webm" -> avcodec.AV_CODEC_ID_VP9;
            case "avi" -> avcodec.AV_CODEC_ID_MPEG4;
            case "mp4", "mov", "mkv", "m4v" -> avcodec.AV_CODEC_ID_H264;
            default -> throw new IllegalArgumentException("unknown video extension '." + extension
                    + "': use .mp4, .mov, .mkv, .webm or .avi");
        };
        if (avcodec.avcodec_find_encoder(wanted) == null) {
            if (wanted == avcodec.AV_CODEC_ID_VP9) {
                throw new IllegalStateException("this FFmpeg build has no VP9 encoder: write .mp4 instead");
            }
            return avcodec.AV_CODEC_ID_MPEG4;
        }
        return wanted;
    }

    private static String formatFor(String extension) {
        return switch (extension) {
            case "mkv" -> "matroska";
            case "m4v" -> "mp4";
            default -> extension;
        };
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
