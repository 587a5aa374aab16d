package org.vosbench.train.data;

import java.util.random.RandomGenerator;

/**
 * A thin-plate spline in the plane: the smooth map that takes given control points exactly to given
 * targets while bending as little as possible ({@code f(p) = a0 + a1 x + a2 y + sum w_i U(|p - c_i|)}
 * with {@code U(r) = r^2 log r}). The official static-image sampler ({@code dataset/tps.py}) warps a
 * third of its frames with one whose twelve control points move by a normal offset of 2% of the
 * image; this is that warp.
 */
final class ThinPlateSpline {

    private final double[] cx;
    private final double[] cy;
    private final double[][] coefficients; // per output coordinate: w_1..w_n, a0, a1, a2

    /**
     * Fits the spline that maps each {@code (fromX[i], fromY[i])} to {@code (toX[i], toY[i])}.
     *
     * @throws IllegalArgumentException when the points are too few or all on one line (singular)
     */
    ThinPlateSpline(double[] fromX, double[] fromY, double[] toX, double[] toY) {
        int n = fromX.length;
        if (n < 3 || fromY.length != n || toX.length != n || toY.length != n) {
            throw new IllegalArgumentException("a thin-plate spline needs at least 3 point pairs");
        }
        this.cx = fromX.clone();
        this.cy = fromY.clone();
        int m = n + 3;
        double[][] a = new double[m][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = kernel(Math.hypot(fromX[i] - fromX[j], fromY[i] - fromY[j]));
            }
            a[i][n] = 1;
            a[i][n + 1] = fromX[i];
            a[i][n + 2] = fromY[i];
            a[n][i] = 1;
            a[n + 1][i] = fromX[i];
            a[n + 2][i] = fromY[i];
        }
        double[] bx = new double[m];
        double[] by = new double[m];
        System.arraycopy(toX, 0, bx, 0, n);
        System.arraycopy(toY, 0, by, 0, n);
        this.coefficients = solve(a, new double[][] {bx, by});
    }

    static double kernel(double r) {
        return r <= 0 ? 0 : r * r * Math.log(r);
    }

    /** @return {@code f(x, y)}: {@code [x', y']} */
    double[] apply(double x, double y) {
        int n = cx.length;
        double[] u = coefficients[0];
        double[] v = coefficients[1];
        double ox = u[n] + u[n + 1] * x + u[n + 2] * y;
        double oy = v[n] + v[n + 1] * x + v[n + 2] * y;
        for (int i = 0; i < n; i++) {
            double k = kernel(Math.hypot(x - cx[i], y - cy[i]));
            ox += u[i] * k;
            oy += v[i] * k;
        }
        return new double[] {ox, oy};
    }

    /** Gaussian elimination with partial pivoting, for each right-hand side. */
    private static double[][] solve(double[][] matrix, double[][] rhs) {
        int m = matrix.length;
        double[][] a = new double[m][];
        for (int i = 0; i < m; i++) {
            a[i] = matrix[i].clone();
        }
        double[][] b = {rhs[0].clone(), rhs[1].clone()};
        for (int col = 0; col < m; col++) {
            int pivot = col;
            for (int r = col + 1; r < m; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][col]) < 1e-12) {
                throw new IllegalArgumentException("the control points are degenerate (collinear or repeated)");
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            for (double[] v : b) {
                double s = v[col];
                v[col] = v[pivot];
                v[pivot] = s;
            }
            for (int r = col + 1; r < m; r++) {
                double f = a[r][col] / a[col][col];
                if (f == 0) {
                    continue;
                }
                for (int k = col; k < m; k++) {
                    a[r][k] -= f * a[col][k];
                }
                for (double[] v : b) {
                    v[r] -= f * v[col];
                }
            }
        }
        for (double[] v : b) {
            for (int r = m - 1; r >= 0; r--) {
                double s = v[r];
                for (int k = r + 1; k < m; k++) {
                    s -= a[r][k] * v[k];
                }
                v[r] = s / a[r][r];
            }
        }
        return b;
    }

    /**
     * The official random warp: {@code n} control points on distinct rows and distinct columns, each
     * moved by a normal offset of standard deviation {@code scale} (in units of the image side); the
     * output pixel at a moved point samples the source at the original point.
     *
     * @return the source coordinates of every output pixel centre, {@code [mapX, mapY]}
     */
    static float[][] randomWarp(int width, int height, int n, double scale, RandomGenerator rng) {
        int[] xs = distinct(width, n, rng);
        int[] ys = distinct(height, n, rng);
        double[] srcX = new double[n];
        double[] srcY = new double[n];
        double[] dstX = new double[n];
        double[] dstY = new double[n];
        for (int i = 0; i < n; i++) {
            srcX[i] = (double) xs[i] / width;
            srcY[i] = (double) ys[i] / height;
            dstX[i] = srcX[i] + scale * rng.nextGaussian();
            dstY[i] = srcY[i] + scale * rng.nextGaussian();
        }
        ThinPlateSpline back = new ThinPlateSpline(dstX, dstY, srcX, srcY);
        float[] mapX = new float[width * height];
        float[] mapY = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double[] s = back.apply((x + 0.5) / width, (y + 0.5) / height);
                mapX[y * width + x] = (float) (s[0] * width);
                mapY[y * width + x] = (float) (s[1] * height);
            }
        }
        return new float[][] {mapX, mapY};
    }

    /** {@code n} distinct integers of {@code [0, bound)} (a partial Fisher-Yates shuffle). */
    private static int[] distinct(int bound, int n, RandomGenerator rng) {
        if (bound < n) {
            throw new IllegalArgumentException("an image side of " + bound + " cannot hold " + n + " control points");
        }
        int[] all = new int[bound];
        for (int i = 0; i < bound; i++) {
            all[i] = i;
        }
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(bound - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.copyOf(all, n);
    }
}
