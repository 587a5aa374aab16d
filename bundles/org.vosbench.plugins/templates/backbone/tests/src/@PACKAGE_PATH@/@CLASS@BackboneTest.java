package @PACKAGE@;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;
import org.vosbench.engine.EngineDevice;
import org.vosbench.engine.djl.DjlRuntime;

class @CLASS@BackboneTest {

    @Test
    void keyHoldsEachCellsMeanColourAndPosition() {
        try (NDManager manager = new DjlRuntime().newManager(EngineDevice.CPU)) {
            // 16 x 32: two cells, the left one red (1, 0, 0), the right one half grey (0.5, 0.5, 0.5)
            float[] rgb = new float[3 * 16 * 32];
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 32; x++) {
                    int p = y * 32 + x;
                    rgb[p] = x < 16 ? 1f : 0.5f;
                    rgb[512 + p] = x < 16 ? 0f : 0.5f;
                    rgb[1024 + p] = x < 16 ? 0f : 0.5f;
                }
            }
            NDArray image = manager.create(rgb, new Shape(1, 3, 16, 32));

            NDArray key = new @CLASS@Backbone().encodeKey(manager, image).key();

            assertArrayEquals(new long[] {1, 5, 1, 2}, key.getShape().getShape());
            // per channel, the two cells: colour / 0.1, row / 4, column / 4
            assertArrayEquals(new float[] {10, 5, 0, 5, 0, 5, 0, 0, 0, 0.25f}, key.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void valuesAreCoverageAndDecodingPutsThemBackOnTheCells() {
        try (NDManager manager = new DjlRuntime().newManager(EngineDevice.CPU)) {
            // one object covering the top quarter of a single 16 x 16 cell
            float[] mask = new float[256];
            for (int p = 0; p < 64; p++) {
                mask[p] = 1f;
            }
            NDArray masks = manager.create(mask, new Shape(1, 1, 16, 16));
            @CLASS@Backbone backbone = new @CLASS@Backbone();

            NDArray value = backbone.encodeValue(null, null, masks, masks.zerosLike());
            NDArray decoded = backbone.decode(null, value);

            assertArrayEquals(new float[] {0.25f}, value.toFloatArray(), 1e-6f);
            assertArrayEquals(new long[] {1, 1, 16, 16}, decoded.getShape().getShape());
            assertEquals(0.25f, decoded.toFloatArray()[255], 1e-6f);
        }
    }
}
