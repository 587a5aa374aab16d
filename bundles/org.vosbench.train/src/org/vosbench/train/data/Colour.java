package org.vosbench.train.data;

import java.util.random.RandomGenerator;

/**
 * torchvision's {@code ColorJitter} and {@code RandomGrayscale} on 8-bit RGB, with PIL's arithmetic
 * ({@code ImageEnhance} blends with a degenerate image and truncates to 8 bits; greyscale is ITU-R 601
 * in 16-bit fixed point; hue shifts the H channel of PIL's 8-bit HSV with wrap-around).
 */
final class Colour {

    /**
     * One draw of a colour jitter: the order of the four adjustments and their factors (hue as a
     * shift in [-0.5, 0.5] turns); a factor of exactly 1 (hue 0) where the range is empty.
     */
    record Jitter(int[] order, double brightness, double contrast, double saturation, double hue,
            boolean grayscale) {

        static final Jitter NONE = new Jitter(new int[] {0, 1, 2, 3}, 1, 1, 1, 0, false);

        /**
         * @param b, c, s, h the ColorJitter arguments (factor ranges [max(0, 1-x), 1+x], hue [-h, h]); 0 disables
         * @param grayscaleProbability RandomGrayscale's probability, drawn after the jitter
         */
        static Jitter draw(RandomGenerator rng, double b, double c, double s, double h, double grayscaleProbability) {
            int[] order = {0, 1, 2, 3};
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double fb = b > 0 ? uniform(rng, Math.max(0, 1 - b), 1 + b) : 1;
            double fc = c > 0 ? uniform(rng, Math.max(0, 1 - c), 1 + c) : 1;
            double fs = s > 0 ? uniform(rng, Math.max(0, 1 - s), 1 + s) : 1;
            double fh = h > 0 ? uniform(rng, -h, h) : 0;
            boolean grey = grayscaleProbability > 0 && rng.nextDouble() < grayscaleProbability;
            return new Jitter(order, fb, fc, fs, fh, grey);
        }

        Raster apply(Raster image) {
            Raster out = image;
            for (int op : order) {
                out = switch (op) {
                    case 0 -> brightness == 1 ? out : blend(out, null, brightness);
                    case 1 -> contrast == 1 ? out : blend(out, meanGrey(out), contrast);
                    case 2 -> saturation == 1 ? out : blend(out, grey(out), saturation);
                    default -> hue == 0 ? out : Colour.hue(out, hue);
                };
            }
            return grayscale ? grey(out) : out;
        }
    }

    private Colour() {
    }

    static double uniform(RandomGenerator rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    /** PIL's {@code convert('L')}: {@code (19595 R + 38470 G + 7471 B + 2^15) >> 16}. */
    static int luma(int r, int g, int b) {
        return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
    }

    /** The image in grey, as three equal channels. */
    static Raster grey(Raster rgb) {
        byte[] in = rgb.data();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i += 3) {
            byte l = (byte) luma(in[i] & 0xFF, in[i + 1] & 0xFF, in[i + 2] & 0xFF);
            out[i] = l;
            out[i + 1] = l;
            out[i + 2] = l;
        }
        return new Raster(rgb.width(), rgb.height(), 3, out);
    }

    /** A uniform image of the rounded mean grey value (PIL {@code ImageEnhance.Contrast}'s degenerate). */
    private static Raster meanGrey(Raster rgb) {
        byte[] in = rgb.data();
        long sum = 0;
        for (int i = 0; i < in.length; i += 3) {
            sum += luma(in[i] & 0xFF, in[i + 1] & 0xFF, in[i + 2] & 0xFF);
        }
        int mean = (int) (sum / (double) (in.length / 3) + 0.5);
        return Raster.filled(rgb.width(), rgb.height(), new int[] {mean, mean, mean});
    }

    /** {@code degenerate + factor * (image - degenerate)}, truncated to 8 bits (black when degenerate is null). */
    static Raster blend(Raster image, Raster degenerate, double factor) {
        byte[] in = image.data();
        byte[] d = degenerate == null ? null : degenerate.data();
        byte[] out = new byte[in.length];
        float alpha = (float) factor;
        for (int i = 0; i < in.length; i++) {
            int a = d == null ? 0 : d[i] & 0xFF;
            float t = a + alpha * ((in[i] & 0xFF) - a);
            out[i] = (byte) (t <= 0 ? 0 : t >= 255 ? 255 : (int) t);
        }
        return new Raster(image.width(), image.height(), 3, out);
    }

    /** Shifts the hue by {@code shift} turns through 8-bit HSV, the H byte wrapping around. */
    static Raster hue(Raster rgb, double shift) {
        int delta = ((int) (shift * 255)) & 0xFF;
        byte[] in = rgb.data();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i += 3) {
            int r = in[i] & 0xFF;
            int g = in[i + 1] & 0xFF;
            int b = in[i + 2] & 0xFF;
            int max = Math.max(r, Math.max(g, b));
            int min = Math.min(r, Math.min(g, b));
            int h8;
            int s8;
            if (max == min) {
                h8 = 0;
                s8 = 0;
            } else {
                double span = max - min;
                s8 = (int) (span / max * 255);
                double rc = (max - r) / span;
                double gc = (max - g) / span;
                double bc = (max - b) / span;
                double h = r == max ? bc - gc : g == max ? 2 + rc - bc : 4 + gc - rc;
                h = h / 6.0;
                h = h - Math.floor(h);
                h8 = (int) (h * 255);
            }
            h8 = (h8 + delta) & 0xFF;
            // back to RGB
            double hh = h8 / 255.0 * 6;
            double s = s8 / 255.0;
            int sector = (int) Math.floor(hh) % 6;
            double f = hh - Math.floor(hh);
            int v = max;
            int p = (int) Math.round(v * (1 - s));
            int q = (int) Math.round(v * (1 - s * f));
            int t = (int) Math.round(v * (1 - s * (1 - f)));
            int[] px = switch (sector) {
                case 0 -> new int[] {v, t, p};
                case 1 -> new int[] {q, v, p};
                case 2 -> new int[] {p, v, t};
                case 3 -> new int[] {p, q, v};
                case 4 -> new int[] {t, p, v};
                default -> new int[] {v, p, q};
            };
            out[i] = (byte) px[0];
            out[i + 1] = (byte) px[1];
            out[i + 2] = (byte) px[2];
        }
        return new Raster(rgb.width(), rgb.height(), 3, out);
    }

    /** ImageNet statistics of {@code dataset/range_transform.py}. */
    static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    static final float[] STD = {0.229f, 0.224f, 0.225f};

    /** The official fill of warped images, {@code im_mean = (124, 116, 104)}. */
    static final int[] FILL = {124, 116, 104};

    /**
     * {@code ToTensor} then {@code im_normalization}: {@code (v / 255 - mean) / std}, channel-major,
     * into {@code out} from {@code offset} ({@code 3 x height x width}).
     */
    static void normalise(Raster rgb, float[] out, int offset) {
        int plane = rgb.width() * rgb.height();
        byte[] in = rgb.data();
        for (int c = 0; c < 3; c++) {
            float mean = MEAN[c];
            float std = STD[c];
            int base = offset + c * plane;
            for (int i = 0; i < plane; i++) {
                out[base + i] = ((in[3 * i + c] & 0xFF) / 255f - mean) / std;
            }
        }
    }
}
