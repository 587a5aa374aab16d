package org.vosbench.train.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * An 8-bit image with 1 (a label mask, a grey mask) or 3 (RGB) interleaved channels, row-major: the
 * pixel type the official datasets push through PIL, where every transform ends in 8 bits again.
 * Immutable by convention: the operations return new rasters.
 */
record Raster(int width, int height, int channels, byte[] data) {

    Raster {
        Objects.requireNonNull(data);
        if (width <= 0 || height <= 0 || (channels != 1 && channels != 3) || data.length != width * height * channels) {
            throw new IllegalArgumentException("raster " + width + "x" + height + "x" + channels + " with "
                    + data.length + " bytes");
        }
    }

    static Raster filled(int width, int height, int[] fill) {
        byte[] data = new byte[width * height * fill.length];
        if (fill.length == 1) {
            Arrays.fill(data, (byte) fill[0]);
        } else {
            for (int i = 0; i < data.length; i += fill.length) {
                for (int c = 0; c < fill.length; c++) {
                    data[i + c] = (byte) fill[c];
                }
            }
        }
        return new Raster(width, height, fill.length, data);
    }

    int get(int x, int y, int c) {
        return data[(y * width + x) * channels + c] & 0xFF;
    }

    /** @return the number of pixels whose (single-channel) value is {@code value} */
    int count(int value) {
        int n = 0;
        for (byte b : data) {
            if ((b & 0xFF) == value) {
                n++;
            }
        }
        return n;
    }
}
