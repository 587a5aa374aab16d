package org.vosbench.core;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that readers never see half of one: the body writes a temporary file in the
 * target's folder, which is flushed to disk and renamed over the target only when the body
 * succeeded. On failure the temporary file is deleted and the target is untouched.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} atomically, creating its folder if needed.
     *
     * @param target the file to write
     * @param body writes the content; it must not close the stream
     * @throws IOException when the body or the file system fails; the target is then unchanged
     */
    public static void write(Path target, IoConsumer<OutputStream> body) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                body.accept(out);
                out.flush();
                channel.force(false);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Writes bytes atomically.
     *
     * @param target the file to write
     * @param content the bytes
     * @throws IOException when the file system fails; the target is then unchanged
     */
    public static void writeBytes(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    /**
     * Writes UTF-8 text atomically.
     *
     * @param target the file to write
     * @param content the text
     * @throws IOException when the file system fails; the target is then unchanged
     */
    public static void writeString(Path target, String content) throws IOException {
        writeBytes(target, content.getBytes(StandardCharsets.UTF_8));
    }
}
