package org.vosbench.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The thin-plate spline of the static sampler: it interpolates its points and reproduces affine maps. */
class ThinPlateSplineTest {

    @Test
    void itTakesEveryControlPointToItsTarget() {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 12;
        double[] fx = new double[n];
        double[] fy = new double[n];
        double[] tx = new double[n];
        double[] ty = new double[n];
        for (int i = 0; i < n; i++) {
            fx[i] = rng.nextDouble();
            fy[i] = rng.nextDouble();
            tx[i] = fx[i] + 0.02 * rng.nextGaussian();
            ty[i] = fy[i] + 0.02 * rng.nextGaussian();
        }
        ThinPlateSpline f = new ThinPlateSpline(fx, fy, tx, ty);
        for (int i = 0; i < n; i++) {
            double[] p = f.apply(fx[i], fy[i]);
            assertEquals(tx[i], p[0], 1e-9);
            assertEquals(ty[i], p[1], 1e-9);
        }
    }

    @Test
    void anAffineMapIsReproducedEverywhere() {
        // targets A p + b: the spline with no bending is that map itself, between the points too
        SplittableRandom rng = new SplittableRandom(2);
        int n = 8;
        double[] fx = new double[n];
        double[] fy = new double[n];
        double[] tx = new double[n];
        double[] ty = new double[n];
        for (int i = 0; i < n; i++) {
            fx[i] = rng.nextDouble();
            fy[i] = rng.nextDouble();
            tx[i] = 1.1 * fx[i] - 0.2 * fy[i] + 0.05;
            ty[i] = 0.3 * fx[i] + 0.9 * fy[i] - 0.1;
        }
        ThinPlateSpline f = new ThinPlateSpline(fx, fy, tx, ty);
        for (int k = 0; k < 50; k++) {
            double x = rng.nextDouble();
            double y = rng.nextDouble();
            double[] p = f.apply(x, y);
            assertEquals(1.1 * x - 0.2 * y + 0.05, p[0], 1e-9);
            assertEquals(0.3 * x + 0.9 * y - 0.1, p[1], 1e-9);
        }
    }

    @Test
    void theOfficialRandomWarpMovesPixelsALittle() {
        float[][] map = ThinPlateSpline.randomWarp(64, 48, 12, 0.02, new SplittableRandom(3));
        double largest = 0;
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                int i = y * 64 + x;
                largest = Math.max(largest, Math.hypot(map[0][i] - (x + 0.5), map[1][i] - (y + 0.5)));
            }
        }
        assertTrue(largest > 0.1, "the warp moves something: " + largest);
        assertTrue(largest < 0.25 * 64, "a 2% jitter of the points is a small warp: " + largest);
    }
}
