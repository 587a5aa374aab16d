package @PACKAGE@;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.vosbench.engine.Backbone;
import org.vosbench.engine.FrameFeatures;

/**
 * A small training-free backbone, a starting point for a lab's own: each 16x16 cell of a frame is
 * keyed by its mean colour and its position, so the engine's L2 similarity matches cells of the
 * same colour nearby; a memory value is the share of the cell each object covers; decoding puts
 * the read-out shares back on the cells' pixels. Everything is computed in the type the engine
 * hands in (float32, or float64 in fp64 sessions).
 */
public final class @CLASS@Backbone implements Backbone {

    /** Cell size: the output stride of keys and values. */
    static final int STRIDE = 16;
    /** Colour difference (RGB in [0, 1]) that counts as one unit of key distance. */
    static final double SIGMA_COLOUR = 0.1;
    /** Distance in cells that counts as one unit of key distance. */
    static final double SIGMA_POSITION = 4;

    /** The key of a frame. */
    record Features(NDArray key) implements FrameFeatures {
    }

    @Override
    public String id() {
        return "@ID@";
    }

    @Override
    public int stride() {
        return STRIDE;
    }

    @Override
    public int padMultiple() {
        return STRIDE;
    }

    /** {@inheritDoc} Key {@code 1 x 5 x h x w}: mean R, G, B over sigma-colour, then row and column over sigma-position. */
    @Override
    public FrameFeatures encodeKey(NDManager manager, NDArray image) {
        Shape s = image.getShape();
        long h = s.get(2) / STRIDE;
        long w = s.get(3) / STRIDE;
        DataType type = image.getDataType();
        try (NDArray colour = cellMean(image);
                NDArray scaledColour = colour.div(SIGMA_COLOUR);
                NDArray rows = manager.arange(0f, h).toType(type, false).reshape(1, 1, h, 1).repeat(3, w);
                NDArray columns = manager.arange(0f, w).toType(type, false).reshape(1, 1, 1, w).repeat(2, h);
                NDArray position = rows.concat(columns, 1)) {
            NDArray scaledPosition = position.div(SIGMA_POSITION);
            NDArray key = scaledColour.concat(scaledPosition, 1);
            scaledPosition.close();
            return new Features(key);
        }
    }

    /** {@inheritDoc} Values {@code K x 1 x h x w}: the share of each cell the object covers. */
    @Override
    public NDArray encodeValue(FrameFeatures features, NDArray image, NDArray masks, NDArray others) {
        return cellMean(masks);
    }

    /** {@inheritDoc} Each cell's read-out share on every pixel of the cell, in [0, 1]. */
    @Override
    public NDArray decode(FrameFeatures features, NDArray readout) {
        try (NDArray rows = readout.repeat(2, STRIDE); NDArray pixels = rows.repeat(3, STRIDE)) {
            return pixels.clip(0, 1);
        }
    }

    /** @return the mean of each {@code STRIDE x STRIDE} cell: {@code N x C x H x W} → {@code N x C x H/16 x W/16} */
    static NDArray cellMean(NDArray x) {
        Shape s = x.getShape();
        // PyTorch's mean through DJL takes one axis at a time: the columns of a cell, then its rows
        try (NDArray cells = x.reshape(s.get(0), s.get(1), s.get(2) / STRIDE, STRIDE, s.get(3) / STRIDE, STRIDE);
                NDArray rowMeans = cells.mean(new int[] {5})) {
            return rowMeans.mean(new int[] {3});
        }
    }

    @Override
    public void close() {
        // no parameters
    }
}
