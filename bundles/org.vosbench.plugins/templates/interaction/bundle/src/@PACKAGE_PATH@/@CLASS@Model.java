package @PACKAGE@;

import java.util.ArrayDeque;

import org.vosbench.core.ProgressMonitor;
import org.vosbench.core.RgbImage;
import org.vosbench.interaction.Click;
import org.vosbench.interaction.InteractionModel;
import org.vosbench.interaction.ObjectInput;

/**
 * A training-free interaction model, a starting point for a lab's own: each positive click grows a
 * 4-connected region over pixels whose colour is within {@code tolerance} of the clicked pixel's
 * (the classic flood fill / magic wand); a negative click's region is taken out again. The result
 * is a hard map (1 inside, 0 outside), which the engine aggregates with the frame's other objects.
 */
public final class @CLASS@Model implements InteractionModel {

    /** Largest Euclidean RGB distance (0-255 per channel) to the seed that still joins the region. */
    static final double DEFAULT_TOLERANCE = 40;

    private final double tolerance;

    /** @param tolerance largest RGB distance to the clicked colour */
    public @CLASS@Model(double tolerance) {
        this.tolerance = tolerance;
    }

    @Override
    public double[] predict(RgbImage image, ObjectInput input, ProgressMonitor monitor) {
        int w = image.width();
        int h = image.height();
        boolean[] inside = new boolean[w * h];
        for (Click c : input.clicks()) {
            monitor.checkCanceled();
            boolean[] region = grow(image, c.x(), c.y());
            for (int p = 0; p < inside.length; p++) {
                if (region[p]) {
                    inside[p] = c.positive();
                }
            }
        }
        double[] probabilities = new double[w * h];
        for (int p = 0; p < probabilities.length; p++) {
            probabilities[p] = inside[p] ? 1 : 0;
        }
        return probabilities;
    }

    /** @return the 4-connected pixels of similar colour to the seed's */
    private boolean[] grow(RgbImage image, int seedX, int seedY) {
        int w = image.width();
        int h = image.height();
        byte[] rgb = image.rgb();
        int seed = seedY * w + seedX;
        int r0 = rgb[3 * seed] & 0xFF;
        int g0 = rgb[3 * seed + 1] & 0xFF;
        int b0 = rgb[3 * seed + 2] & 0xFF;
        double limit = tolerance * tolerance;
        boolean[] region = new boolean[w * h];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        region[seed] = true;
        queue.add(seed);
        while (!queue.isEmpty()) {
            int p = queue.poll();
            int x = p % w;
            int y = p / w;
            int[] neighbours = {x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1};
            for (int q : neighbours) {
                if (q < 0 || region[q]) {
                    continue;
                }
                int dr = (rgb[3 * q] & 0xFF) - r0;
                int dg = (rgb[3 * q + 1] & 0xFF) - g0;
                int db = (rgb[3 * q + 2] & 0xFF) - b0;
                if (dr * dr + dg * dg + db * db <= limit) {
                    region[q] = true;
                    queue.add(q);
                }
            }
        }
        return region;
    }

    @Override
    public void close() {
        // no native memory
    }
}
