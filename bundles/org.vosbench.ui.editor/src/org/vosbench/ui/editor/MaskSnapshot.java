package org.vosbench.ui.editor;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.vosbench.core.LabelMask;

/**
 * A compressed copy of a label mask, kept by undoable operations: masks are mostly runs of one label,
 * so a 854×480 mask (410 kB) deflates to a few kB and a whole propagation stays cheap to undo.
 */
public final class MaskSnapshot {

    private final int width;
    private final int height;
    private final byte[] deflated;

    private MaskSnapshot(int width, int height, byte[] deflated) {
        this.width = width;
        this.height = height;
        this.deflated = deflated;
    }

    /** Null in, null out: a frame without a mask. */
    public static MaskSnapshot of(LabelMask mask) {
        if (mask == null) {
            return null;
        }
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(mask.labels());
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            byte[] buffer = new byte[16384];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return new MaskSnapshot(mask.width(), mask.height(), out.toByteArray());
        } finally {
            deflater.end();
        }
    }

    /** A fresh mask with the snapshot's labels. */
    public LabelMask restore() {
        byte[] labels = new byte[width * height];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(deflated);
            int n = 0;
            while (n < labels.length && !inflater.finished()) {
                n += inflater.inflate(labels, n, labels.length - n);
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException("Corrupt mask snapshot", e);
        } finally {
            inflater.end();
        }
        return new LabelMask(width, height, labels);
    }

    /** Compressed size in bytes. */
    public int compressedSize() {
        return deflated.length;
    }
}
