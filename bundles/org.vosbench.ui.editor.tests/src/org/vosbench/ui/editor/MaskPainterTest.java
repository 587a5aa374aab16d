package org.vosbench.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vosbench.core.LabelMask;

class MaskPainterTest {

    private static int count(LabelMask m, int label) {
        int n = 0;
        for (byte b : m.labels()) {
            if ((b & 0xFF) == label) {
                n++;
            }
        }
        return n;
    }

    @Test
    void discOfRadiusOneCoversTheFourPixelsAroundAGridPoint() {
        LabelMask m = LabelMask.empty(5, 5);
        // centres (1.5, 1.5) .. (2.5, 2.5) lie 0.71 from (2, 2); (0.5, 1.5) lies 1.58 away
        assertEquals(4, MaskPainter.paintDisc(m, 2, 2, 1, 3));
        assertEquals(3, m.get(1, 1));
        assertEquals(3, m.get(2, 2));
        assertEquals(0, m.get(0, 1));
        assertEquals(0, m.get(3, 2));
    }

    @Test
    void discIsClippedAtTheBorder() {
        LabelMask m = LabelMask.empty(3, 3);
        assertEquals(1, MaskPainter.paintDisc(m, 0, 0, 1, 1));
        assertEquals(1, m.get(0, 0));
    }

    @Test
    void repaintingTheSameLabelChangesNothing() {
        LabelMask m = LabelMask.empty(5, 5);
        MaskPainter.paintDisc(m, 2, 2, 1, 3);
        assertEquals(0, MaskPainter.paintDisc(m, 2, 2, 1, 3));
    }

    @Test
    void lineLeavesNoGapsBetweenFarApartPoints() {
        LabelMask m = LabelMask.empty(20, 3);
        MaskPainter.paintLine(m, 0.5, 1.5, 19.5, 1.5, 0.5, 1);
        for (int x = 0; x < 20; x++) {
            assertEquals(1, m.get(x, 1), "pixel " + x);
        }
        assertEquals(20, count(m, 1));
    }

    @Test
    void polygonFillsPixelsWhoseCentresAreInside() {
        LabelMask m = LabelMask.empty(6, 5);
        // rectangle [1,4) x [1,3): centres x 1.5, 2.5, 3.5 and y 1.5, 2.5 → 6 pixels
        int changed = MaskPainter.fillPolygon(m,
                List.of(new double[] {1, 1}, new double[] {4, 1}, new double[] {4, 3}, new double[] {1, 3}), 2);
        assertEquals(6, changed);
        assertEquals(2, m.get(1, 1));
        assertEquals(2, m.get(3, 2));
        assertEquals(0, m.get(4, 1));
        assertEquals(0, m.get(1, 3));
    }

    @Test
    void polygonTriangleFillsTheLowerLeftHalf() {
        LabelMask m = LabelMask.empty(4, 4);
        // triangle (0,0) (4,4) (0,4): centre (x+.5, y+.5) inside when x + .5 < y + .5, i.e. x < y
        MaskPainter.fillPolygon(m, List.of(new double[] {0, 0}, new double[] {4, 4}, new double[] {0, 4}), 1);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals(x < y ? 1 : 0, m.get(x, y), "(" + x + "," + y + ")");
            }
        }
    }

    @Test
    void floodFillStopsAtOtherLabelsAndIsFourConnected() {
        // a ring of 1 around the centre pixel
        LabelMask m = new LabelMask(5, 5, new byte[] {
            0, 0, 0, 0, 0,
            0, 1, 1, 1, 0,
            0, 1, 0, 1, 0,
            0, 1, 1, 1, 0,
            0, 0, 0, 0, 0});
        assertEquals(1, MaskPainter.floodFill(m, 2, 2, 4));
        assertEquals(4, m.get(2, 2));
        assertEquals(16, MaskPainter.floodFill(m, 0, 0, 5));
        assertEquals(8, count(m, 1));
    }

    @Test
    void eraseRemovesOneObjectEverywhere() {
        LabelMask m = new LabelMask(3, 1, new byte[] {1, 2, 1});
        assertEquals(2, MaskPainter.erase(m, 1));
        assertEquals(2, m.get(1, 0));
        assertEquals(0, m.get(0, 0));
    }
}
