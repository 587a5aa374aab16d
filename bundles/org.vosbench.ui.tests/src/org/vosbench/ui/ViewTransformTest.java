package org.vosbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ViewTransformTest {

    @Test
    void fitScalesA480pFrameIntoHalfSizeCanvas() {
        ViewTransform v = ViewTransform.fit(854, 480, 427, 240);
        assertEquals(0.5, v.scale(), 1e-12);
        assertEquals(0, v.originX(), 1e-12);
        assertEquals(0, v.originY(), 1e-12);
    }

    @Test
    void fitCentresAlongTheLooseAxis() {
        ViewTransform v = ViewTransform.fit(100, 100, 300, 200);
        assertEquals(2, v.scale(), 1e-12);
        assertEquals(50, v.originX(), 1e-12);
        assertEquals(0, v.originY(), 1e-12);
    }

    @Test
    void zoomKeepsTheImagePointUnderThePointer() {
        ViewTransform v = new ViewTransform(1, 10, 20).zoomAt(2, 110, 70);
        // image point (100, 50) was under (110, 70) and must stay there
        assertEquals(100, v.toImageX(110), 1e-9);
        assertEquals(50, v.toImageY(70), 1e-9);
        assertEquals(2, v.scale(), 1e-12);
    }

    @Test
    void panMovesTheOrigin() {
        ViewTransform v = new ViewTransform(3, 0, 0).panBy(5, -7);
        assertEquals(5, v.toScreenX(0), 1e-12);
        assertEquals(-7 + 3 * 2, v.toScreenY(2), 1e-12);
    }
}
