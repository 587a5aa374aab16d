package @PACKAGE@;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.vosbench.core.ProgressMonitor;
import org.vosbench.core.RgbImage;
import org.vosbench.interaction.Click;
import org.vosbench.interaction.ObjectInput;

class @CLASS@ModelTest {

    /** 20 x 10 white frame with two red squares: x 2..5 and x 12..15, rows 2..5. */
    private static RgbImage twoSquares() {
        byte[] rgb = new byte[20 * 10 * 3];
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                boolean red = y >= 2 && y <= 5 && ((x >= 2 && x <= 5) || (x >= 12 && x <= 15));
                int p = 3 * (y * 20 + x);
                rgb[p] = (byte) 255;
                rgb[p + 1] = (byte) (red ? 0 : 255);
                rgb[p + 2] = (byte) (red ? 0 : 255);
            }
        }
        return new RgbImage(20, 10, rgb);
    }

    private static int count(double[] p) {
        int n = 0;
        for (double v : p) {
            n += v > 0.5 ? 1 : 0;
        }
        return n;
    }

    @Test
    void aClickInsideASquareSelectsExactlyThatSquare() {
        ObjectInput input = new ObjectInput(20, 10, 1, List.of(new Click(3, 3, true)), Optional.empty(), null, null, null);

        double[] p = new @CLASS@Model(@CLASS@Model.DEFAULT_TOLERANCE).predict(twoSquares(), input, ProgressMonitor.NULL);

        assertEquals(16, count(p));
        assertEquals(1, p[3 * 20 + 3]);
        assertEquals(0, p[3 * 20 + 13]); // the other square is not connected
    }

    @Test
    void aNegativeClickTakesItsRegionOut() {
        ObjectInput input = new ObjectInput(20, 10, 1,
                List.of(new Click(3, 3, true), new Click(13, 3, true), new Click(14, 4, false)), Optional.empty(), null,
                null, null);

        double[] p = new @CLASS@Model(@CLASS@Model.DEFAULT_TOLERANCE).predict(twoSquares(), input, ProgressMonitor.NULL);

        assertEquals(16, count(p));
        assertEquals(0, p[3 * 20 + 13]);
    }
}
