package org.vosbench.train;

import java.util.random.RandomGenerator;

import org.vosbench.train.data.SampleSource;
import org.vosbench.train.data.TrainingSample;

/**
 * A test-only source (the real samplers are the data bundle's): noise frames with one or two
 * squares moving by up to {@code maxSkip} pixels between frames, every choice drawn from the
 * given generator, so the trainer's seeding decides what it sees.
 */
final class SyntheticSource implements SampleSource {

    private final int size;
    private final int count;
    private final boolean twoObjects;

    SyntheticSource(int size, int count, boolean twoObjects) {
        this.size = size;
        this.count = count;
        this.twoObjects = twoObjects;
    }

    @Override
    public TrainingSample sample(RandomGenerator rng, int maxSkip) {
        int plane = size * size;
        float[] rgb = new float[9 * plane];
        float[] target = new float[3 * plane];
        boolean second = twoObjects && rng.nextBoolean();
        float[] other = second ? new float[3 * plane] : null;
        int side = size / 4;
        int x = rng.nextInt(size - side);
        int y = rng.nextInt(size - side);
        int x2 = rng.nextInt(size - side);
        int y2 = rng.nextInt(size - side);
        for (int f = 0; f < 3; f++) {
            for (int i = 0; i < 3 * plane; i++) {
                rgb[f * 3 * plane + i] = (float) rng.nextGaussian() * 0.3f;
            }
            int dx = Math.min(size - side, Math.max(0, x + f * rng.nextInt(-maxSkip, maxSkip + 1)));
            square(rgb, target, f, plane, dx, y, side, 1.5f);
            if (second) {
                square(rgb, other, f, plane, x2, y2, side, -1.5f);
            }
        }
        return new TrainingSample(size, size, rgb, target, other, "synthetic");
    }

    private void square(float[] rgb, float[] mask, int f, int plane, int x, int y, int side, float colour) {
        for (int r = y; r < y + side; r++) {
            for (int c = x; c < x + side; c++) {
                mask[f * plane + r * size + c] = 1;
                for (int ch = 0; ch < 3; ch++) {
                    rgb[f * 3 * plane + ch * plane + r * size + c] = colour * (ch + 1) / 2;
                }
            }
        }
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public String describe() {
        return "synthetic squares (" + count + " samples of " + size + "x" + size + ")";
    }
}
