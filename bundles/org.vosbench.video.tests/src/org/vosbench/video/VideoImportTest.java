package org.vosbench.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosbench.core.ImageReader;
import org.vosbench.core.InvalidInputException;
import org.vosbench.core.LabelMask;
import org.vosbench.core.MaskIO;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.core.RgbImage;
import org.vosbench.dataset.Dataset;
import org.vosbench.dataset.SequenceRef;
import org.vosbench.dataset.layout.FolderLayout;
import org.vosbench.dataset.layout.FolderReader;
import org.vosbench.video.OverlayVideoExport.Overlay;
import org.vosbench.video.VideoImport.ImageFormat;
import org.vosbench.video.VideoImport.Options;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Real videos, made here from DAVIS frames of ../shared with the same FFmpeg binding, decoded back. */
class VideoImportTest {

    private static final Path DAVIS = org.vosbench.testing.SharedData.shared().resolve("data/davis-real");
    private static final Path FRAMES = DAVIS.resolve("JPEGImages/480p/drift-straight");

    @TempDir
    Path dir;

    @Test
    void importsEveryFrameOfAnH264VideoWithTimestamps() throws IOException {
        Path video = makeVideo(dir.resolve("drift.mp4"), 10, 24, avcodec.AV_CODEC_ID_H264);

        VideoImport.Result result = VideoImport.importVideo(video, dir.resolve("data"), Options.defaults(),
                ProgressMonitor.NULL);

        assertEquals(10, result.frames());
        assertEquals(10, result.decodedFrames());
        Path seq = dir.resolve("data/JPEGImages/drift");
        assertEquals(seq, result.sequence());
        assertEquals(10, list(seq).stream().filter(n -> n.endsWith(".jpg")).count());
        JsonObject record = JsonParser.parseString(Files.readString(seq.resolve(VideoImport.RECORD))).getAsJsonObject();
        assertEquals(24.0, record.get("sourceFps").getAsDouble(), 1e-6);
        JsonArray frames = record.getAsJsonArray("frames");
        assertEquals(10, frames.size());
        for (int i = 0; i < frames.size(); i++) {
            JsonObject f = frames.get(i).getAsJsonObject();
            assertEquals(String.format("%05d", i), f.get("name").getAsString());
            assertEquals(i / 24.0, f.get("timestamp").getAsDouble(), 1e-3, "frame " + i);
        }
        RgbImage source = ImageReader.readRgb(FRAMES.resolve("00003.jpg"));
        RgbImage decoded = ImageReader.readRgb(seq.resolve("00003.jpg"));
        assertEquals(854, decoded.width());
        assertEquals(480, decoded.height());
        assertTrue(meanAbsoluteDifference(source, decoded) < 6, "decoded frame 3 is not the frame encoded");
    }

    @Test
    void picksFramesAtTheRequestedRateAndWindow() throws IOException {
        Path video = makeVideo(dir.resolve("drift.mp4"), 12, 24, avcodec.AV_CODEC_ID_H264);

        VideoImport.Result halfRate = VideoImport.importVideo(video, dir.resolve("a"),
                new Options("half", 12.0, null, null, 0, ImageFormat.PNG), ProgressMonitor.NULL);
        VideoImport.Result window = VideoImport.importVideo(video, dir.resolve("b"),
                new Options("window", null, 0.1, 0.3, 0, ImageFormat.JPG), ProgressMonitor.NULL);

        assertEquals(6, halfRate.frames()); // 0, 2, 4, ... of 12 frames at 24 fps
        assertEquals(12, halfRate.decodedFrames());
        assertEquals(6, list(dir.resolve("a/JPEGImages/half")).stream().filter(n -> n.endsWith(".png")).count());
        assertEquals(5, window.frames()); // frames 3..7 lie in [0.1 s, 0.3 s]
    }

    @Test
    void scalesTheLongSideDownKeepingEvenSizes() throws IOException {
        Path video = makeVideo(dir.resolve("drift.mkv"), 3, 24, avcodec.AV_CODEC_ID_H264);

        VideoImport.Result result = VideoImport.importVideo(video, dir.resolve("data"),
                new Options(null, null, null, null, 427, ImageFormat.JPG), ProgressMonitor.NULL);

        assertEquals(426, result.width());
        assertEquals(240, result.height());
        assertEquals(426, ImageReader.size(result.sequence().resolve("00000.jpg")).width());
        assertEquals(3, result.frames());
    }

    @Test
    void decodesVp9InWebm() throws IOException {
        Assumptions.assumeTrue(hasEncoder(avcodec.AV_CODEC_ID_VP9), "this FFmpeg build has no VP9 encoder");
        Path video = makeVideo(dir.resolve("drift.webm"), 5, 24, avcodec.AV_CODEC_ID_VP9);

        VideoImport.Result result = VideoImport.importVideo(video, dir.resolve("data"), Options.defaults(),
                ProgressMonitor.NULL);

        assertEquals(5, result.frames());
        assertEquals("vp9", result.codec());
    }

    @Test
    void truncatedVideoIsAnErrorNamingItAndLeavesNothing() throws IOException {
        Path whole = makeVideo(dir.resolve("whole.mp4"), 10, 24, avcodec.AV_CODEC_ID_H264);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.mp4");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> VideoImport.importVideo(cut,
                dir.resolve("data"), Options.defaults(), ProgressMonitor.NULL));

        assertEquals(cut, e.file());
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
        assertEquals(List.of(), listAll(dir.resolve("data/JPEGImages")), "a half sequence was left behind");
    }

    @Test
    void fileThatIsNotAVideoIsAnError() throws IOException {
        Path text = dir.resolve("notes.mp4");
        Files.writeString(text, "not a video at all\n".repeat(50), StandardCharsets.UTF_8);

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> VideoImport.importVideo(text,
                dir.resolve("data"), Options.defaults(), ProgressMonitor.NULL));

        assertEquals(text, e.file());
        assertEquals(List.of(), listAll(dir.resolve("data/JPEGImages")));
    }

    @Test
    void videoInACodecFfmpegCannotDecodeIsOneErrorNamingTheFileAndWritesNothing() throws IOException {
        Path avi = dir.resolve("unknown-codec.avi");
        Files.write(avi, aviWithUnknownCodec(64, 48, 3));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> VideoImport.importVideo(avi,
                dir.resolve("data"), Options.defaults(), ProgressMonitor.NULL));

        assertEquals(avi, e.file());
        assertTrue(e.getMessage().startsWith(avi.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("unsupported video codec"), e.getMessage());
        assertTrue(e.getMessage().contains("FourCC 'ZZZZ'"), e.getMessage());
        assertEquals(List.of(), listAll(dir.resolve("data/JPEGImages")), "something was written");
    }

    /**
     * A well-formed AVI (RIFF: hdrl with avih, strl with strh and a BITMAPINFOHEADER strf; movi;
     * idx1) whose one video stream is in the FourCC "ZZZZ", which no FFmpeg decoder claims.
     */
    static byte[] aviWithUnknownCodec(int width, int height, int frames) {
        java.io.ByteArrayOutputStream movi = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream idx = new java.io.ByteArrayOutputStream();
        int offset = 4; // idx1 offsets count from the 'movi' FourCC
        for (int i = 0; i < frames; i++) {
            byte[] payload = new byte[32];
            Arrays.fill(payload, (byte) (17 * i));
            movi.writeBytes(chunk("00dc", payload));
            idx.writeBytes(le(cc("00dc"), 0x10, offset, payload.length));
            offset += 8 + payload.length;
        }
        byte[] avih = le(40_000, 0, 0, 0x10, frames, 0, 1, 0, width, height, 0, 0, 0, 0);
        java.nio.ByteBuffer strh = java.nio.ByteBuffer.allocate(56).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        strh.putInt(cc("vids")).putInt(cc("ZZZZ")).putInt(0).putShort((short) 0).putShort((short) 0).putInt(0)
                .putInt(1).putInt(25).putInt(0).putInt(frames).putInt(0).putInt(-1).putInt(0)
                .putShort((short) 0).putShort((short) 0).putShort((short) width).putShort((short) height);
        java.nio.ByteBuffer strf = java.nio.ByteBuffer.allocate(40).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        strf.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 24).putInt(cc("ZZZZ"))
                .putInt(width * height * 3).putInt(0).putInt(0).putInt(0).putInt(0);
        byte[] strl = list("strl", concat(chunk("strh", strh.array()), chunk("strf", strf.array())));
        byte[] hdrl = list("hdrl", concat(chunk("avih", avih), strl));
        byte[] body = concat("AVI ".getBytes(StandardCharsets.US_ASCII), hdrl, list("movi", movi.toByteArray()),
                chunk("idx1", idx.toByteArray()));
        return concat("RIFF".getBytes(StandardCharsets.US_ASCII), le(body.length), body);
    }

    private static int cc(String fourCc) {
        byte[] b = fourCc.getBytes(StandardCharsets.US_ASCII);
        return (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
    }

    private static byte[] le(int... values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    private static byte[] chunk(String id, byte[] data) {
        byte[] padded = data.length % 2 == 0 ? data : Arrays.copyOf(data, data.length + 1);
        return concat(id.getBytes(StandardCharsets.US_ASCII), le(data.length), padded);
    }

    private static byte[] list(String type, byte[] content) {
        return chunk("LIST", concat(type.getBytes(StandardCharsets.US_ASCII), content));
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void videoWithoutFramesIsAnError() throws IOException {
        Path empty = makeVideo(dir.resolve("empty.mkv"), 0, 24, avcodec.AV_CODEC_ID_H264);

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> VideoImport.importVideo(empty,
                dir.resolve("data"), Options.defaults(), ProgressMonitor.NULL));

        assertEquals(empty, e.file());
        assertEquals(List.of(), listAll(dir.resolve("data/JPEGImages")));
    }

    @Test
    void cancelledImportLeavesNothing() throws IOException {
        Path video = makeVideo(dir.resolve("drift.mp4"), 6, 24, avcodec.AV_CODEC_ID_H264);
        ProgressMonitor cancelAfterTwo = new CountingMonitor(2);

        assertThrows(org.vosbench.core.CancelledException.class, () -> VideoImport.importVideo(video,
                dir.resolve("data"), Options.defaults(), cancelAfterTwo));

        assertEquals(List.of(), listAll(dir.resolve("data/JPEGImages")));
    }

    @Test
    void overlayVideoShowsTheMasksInTheirPaletteColour() throws IOException {
        Dataset davis = FolderReader.read(FolderLayout.builder("folder", DAVIS, DAVIS.resolve("JPEGImages/480p"))
                .masks(DAVIS.resolve("Annotations/480p")).build());
        SequenceRef seq = davis.sequence("drift-straight").orElseThrow();
        Path out = dir.resolve("overlay.mp4");

        OverlayVideoExport.Result result = OverlayVideoExport.export(davis, seq, DAVIS.resolve("Annotations/480p"), out,
                Overlay.FILLED, 24, ProgressMonitor.NULL);
        VideoImport.Result back = VideoImport.importVideo(out, dir.resolve("data"),
                new Options("overlay", null, null, null, 0, ImageFormat.PNG), ProgressMonitor.NULL);

        assertEquals(50, result.masked());
        assertEquals(50, back.frames());
        LabelMask gt = MaskIO.read(DAVIS.resolve("Annotations/480p/drift-straight/00020.png"));
        RgbImage raw = ImageReader.readRgb(FRAMES.resolve("00020.jpg"));
        RgbImage drawn = ImageReader.readRgb(dir.resolve("data/JPEGImages/overlay/00020.png"));
        // Object 1 is DAVIS red (128, 0, 0) blended at half opacity: red rises above green inside it.
        assertTrue(redExcess(drawn, gt, 1) > redExcess(raw, gt, 1) + 30, "the object is not drawn in red");
        assertTrue(Math.abs(redExcess(drawn, gt, 0) - redExcess(raw, gt, 0)) < 5, "the background was changed");
        assertEquals(List.of("overlay.mp4"), list(dir).stream().filter(n -> n.contains("overlay")).toList());
    }

    private static double redExcess(RgbImage image, LabelMask mask, int label) {
        double sum = 0;
        int n = 0;
        for (int p = 0; p < mask.labels().length; p++) {
            if ((mask.labels()[p] & 0xFF) == label) {
                sum += (image.rgb()[3 * p] & 0xFF) - (image.rgb()[3 * p + 1] & 0xFF);
                n++;
            }
        }
        return sum / n;
    }

    /** Encodes the first {@code frames} frames of drift-straight with FFmpegFrameRecorder. */
    static Path makeVideo(Path out, int frames, double fps, int codec) throws IOException {
        org.vosbench.video.internal.Ffmpeg.load();
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), 854, 480, 0)) {
            recorder.setVideoCodec(codec);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.setVideoOption("crf", "20");
            recorder.setVideoBitrate(8_000_000);
            recorder.start();
            ByteBuffer buffer = ByteBuffer.allocateDirect(854 * 480 * 3);
            for (int i = 0; i < frames; i++) {
                RgbImage image = ImageReader.readRgb(FRAMES.resolve(String.format("%05d.jpg", i)));
                byte[] rgb = image.rgb();
                buffer.clear();
                for (int p = 0; p < rgb.length; p += 3) {
                    buffer.put(rgb[p + 2]).put(rgb[p + 1]).put(rgb[p]);
                }
                buffer.flip();
                recorder.recordImage(854, 480, Frame.DEPTH_UBYTE, 3, 854 * 3, avutil.AV_PIX_FMT_BGR24, buffer);
            }
            recorder.stop();
        }
        return out;
    }

    private static boolean hasEncoder(int codec) {
        org.vosbench.video.internal.Ffmpeg.load();
        return avcodec.avcodec_find_encoder(codec) != null;
    }

    private static double meanAbsoluteDifference(RgbImage a, RgbImage b) {
        long sum = 0;
        for (int i = 0; i < a.rgb().length; i++) {
            sum += Math.abs((a.rgb()[i] & 0xFF) - (b.rgb()[i] & 0xFF));
        }
        return (double) sum / a.rgb().length;
    }

    private static List<String> list(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Every entry, hidden ones included; an absent folder is empty. */
    private static List<String> listAll(Path folder) throws IOException {
        return Files.isDirectory(folder) ? list(folder) : List.of();
    }

    /** Cancelled once {@code limit} units of work are reported. */
    private static final class CountingMonitor implements ProgressMonitor {
        private final int limit;
        private int worked;

        CountingMonitor(int limit) {
            this.limit = limit;
        }

        @Override
        public void begin(String task, int totalWork) {
        }

        @Override
        public void worked(int work) {
            worked += work;
        }

        @Override
        public void subTask(String name) {
        }

        @Override
        public boolean isCanceled() {
            return worked >= limit;
        }

        @Override
        public void done() {
        }
    }
}
