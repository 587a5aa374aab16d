package org.vosbench.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import org.eclipse.swt.graphics.ImageData;
import org.junit.jupiter.api.Test;
import org.vosbench.core.LabelMask;
import org.vosbench.core.RgbImage;

class OverlayRendererTest {

    private static RgbImage grey(int w, int h, int value) {
        byte[] rgb = new byte[3 * w * h];
        Arrays.fill(rgb, (byte) value);
        return new RgbImage(w, h, rgb);
    }

    private static int[] pixel(ImageData data, int x, int y) {
        int o = y * data.bytesPerLine + 3 * x;
        return new int[] {data.data[o] & 0xFF, data.data[o + 1] & 0xFF, data.data[o + 2] & 0xFF};
    }

    @Test
    void filledOverlayBlendsDavisColourAtHalfOpacityInsideAndOutlinesTheBorder() {
        LabelMask mask = LabelMask.empty(5, 5);
        for (int y = 1; y <= 3; y++) {
            for (int x = 1; x <= 3; x++) {
                mask.set(x, y, 1);
            }
        }
        ImageData out = OverlayRenderer.compose(grey(5, 5, 100), mask, OverlayStyle.defaults().withOpacity(0.5));
        // DAVIS colour of object 1 is (128, 0, 0): (100 + 128) / 2 = 114, 100 / 2 = 50
        assertArrayEquals(new int[] {114, 50, 50}, pixel(out, 2, 2), "inside: blended");
        assertArrayEquals(new int[] {128, 0, 0}, pixel(out, 1, 2), "border: the object's colour");
        assertArrayEquals(new int[] {100, 100, 100}, pixel(out, 0, 0), "background is never tinted");
    }

    @Test
    void contourModeColoursOnlyBorderPixels() {
        LabelMask mask = LabelMask.empty(5, 5);
        for (int y = 1; y <= 3; y++) {
            for (int x = 1; x <= 3; x++) {
                mask.set(x, y, 2);
            }
        }
        ImageData out = OverlayRenderer.compose(grey(5, 5, 10), mask,
                OverlayStyle.defaults().withMode(OverlayMode.CONTOUR));
        // DAVIS colour of object 2 is (0, 128, 0)
        assertArrayEquals(new int[] {0, 128, 0}, pixel(out, 1, 1));
        assertArrayEquals(new int[] {0, 128, 0}, pixel(out, 2, 1));
        assertArrayEquals(new int[] {10, 10, 10}, pixel(out, 2, 2), "the inside of the square is no border");
        assertArrayEquals(new int[] {10, 10, 10}, pixel(out, 0, 0), "diagonal to the square: no halo");
        assertArrayEquals(new int[] {255, 255, 255}, pixel(out, 0, 2),
                "outside the dark green outline: a white halo");
    }

    @Test
    void contourOfADarkRedObjectOnARedFrameHasAContrastingHalo() {
        LabelMask mask = LabelMask.empty(4, 1);
        mask.set(2, 0, 1);
        mask.set(3, 0, 1);
        RgbImage red = new RgbImage(4, 1, new byte[] {(byte) 130, 0, 0, (byte) 130, 0, 0, (byte) 130, 0, 0,
                (byte) 130, 0, 0});
        ImageData out = OverlayRenderer.compose(red, mask, OverlayStyle.defaults().withMode(OverlayMode.CONTOUR));
        // DAVIS object 1 is (128, 0, 0): nearly the frame's colour, so the halo beside it is white
        assertArrayEquals(new int[] {128, 0, 0}, pixel(out, 2, 0));
        assertArrayEquals(new int[] {255, 255, 255}, pixel(out, 1, 0));
        assertArrayEquals(new int[] {130, 0, 0}, pixel(out, 0, 0), "two pixels away: the frame");
        ImageData yellow = OverlayRenderer.compose(red, mask, OverlayStyle.defaults().withMode(OverlayMode.CONTOUR)
                .withColors(java.util.Map.of(1, 0xFFFF00)));
        assertArrayEquals(new int[] {0, 0, 0}, pixel(yellow, 1, 0), "a bright outline gets a black halo");
    }

    @Test
    void hiddenObjectsAndOffModeLeaveTheFrameUntouched() {
        LabelMask mask = LabelMask.empty(1, 1);
        mask.set(0, 0, 1);
        assertArrayEquals(new int[] {7, 7, 7}, pixel(OverlayRenderer.compose(grey(1, 1, 7), mask,
                OverlayStyle.defaults().withHidden(Set.of(1))), 0, 0));
        assertArrayEquals(new int[] {7, 7, 7}, pixel(OverlayRenderer.compose(grey(1, 1, 7), mask,
                OverlayStyle.defaults().withMode(OverlayMode.OFF)), 0, 0));
    }

    @Test
    void recolouredObjectUsesItsOverrideColour() {
        LabelMask mask = LabelMask.empty(1, 1);
        mask.set(0, 0, 1);
        ImageData out = OverlayRenderer.compose(grey(1, 1, 0), mask,
                OverlayStyle.defaults().withMode(OverlayMode.CONTOUR).withColors(Map.of(1, 0x00FF00)));
        assertArrayEquals(new int[] {0, 255, 0}, pixel(out, 0, 0));
    }

    @Test
    void differenceColoursPixelsByTheSideThatClaimsThem() {
        LabelMask left = new LabelMask(4, 1, new byte[] {1, 1, 0, 2});
        LabelMask right = new LabelMask(4, 1, new byte[] {1, 0, 1, 1});
        ImageData out = OverlayRenderer.difference(grey(4, 1, 200), left, right, 0xFF0000, 0x0000FF, 0xFFFF00);
        assertArrayEquals(new int[] {100, 100, 100}, pixel(out, 0, 0), "agreement shows the dimmed frame");
        assertArrayEquals(new int[] {255, 0, 0}, pixel(out, 1, 0), "only left claims it");
        assertArrayEquals(new int[] {0, 0, 255}, pixel(out, 2, 0), "only right claims it");
        assertArrayEquals(new int[] {255, 255, 0}, pixel(out, 3, 0), "both claim it for different objects");
        assertEquals(3, OverlayRenderer.disagreement(left, right));
    }

    @Test
    void voidCountsAsNoClaimInTheDifference() {
        LabelMask left = new LabelMask(2, 1, new byte[] {(byte) 255, 0});
        LabelMask right = new LabelMask(2, 1, new byte[] {0, 0});
        assertEquals(0, OverlayRenderer.disagreement(left, right));
    }

    @Test
    void rejectsMaskOfAnotherSize() {
        assertThrows(IllegalArgumentException.class,
                () -> OverlayRenderer.compose(grey(2, 2, 0), LabelMask.empty(3, 2), OverlayStyle.defaults()));
    }
}
