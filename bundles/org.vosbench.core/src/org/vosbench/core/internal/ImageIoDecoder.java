package org.vosbench.core.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

import org.vosbench.core.InvalidInputException;

/**
 * Decodes with {@code javax.imageio}, turning its warnings (which it gives instead of failing
 * on truncated or corrupt data, returning a partial image) into {@link InvalidInputException}s.
 */
public final class ImageIoDecoder {

    private ImageIoDecoder() {
    }

    /**
     * @param file the file, for messages
     * @param data its bytes
     * @return the decoded image
     * @throws InvalidInputException when no reader knows the format or the data is damaged
     */
    public static BufferedImage read(Path file, byte[] data) throws InvalidInputException {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            ImageReader reader = reader(file, input);
            try {
                StringBuilder warnings = new StringBuilder();
                reader.addIIOReadWarningListener(new IIOReadWarningListener() {
                    @Override
                    public void warningOccurred(ImageReader source, String warning) {
                        warnings.append(warnings.isEmpty() ? "" : "; ").append(warning);
                    }
                });
                reader.setInput(input, true, true);
                ImageReadParam param = reader.getDefaultReadParam();
                BufferedImage image = reader.read(0, param);
                if (!warnings.isEmpty()) {
                    throw new InvalidInputException(file, "image data damaged or truncated (" + warnings + ")");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (InvalidInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(file, "cannot decode image (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads only the size from the header.
     *
     * @param file the file, for messages
     * @return width and height
     * @throws InvalidInputException when no reader knows the format or the header is damaged
     */
    public static int[] size(Path file) throws InvalidInputException {
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            if (input == null) {
                throw new InvalidInputException(file, "cannot open file");
            }
            ImageReader reader = reader(file, input);
            try {
                reader.setInput(input, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (InvalidInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(file, "cannot read image header (" + e.getMessage() + ")", e);
        }
    }

    private static ImageReader reader(Path file, ImageInputStream input) throws InvalidInputException {
        Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
        if (readers == null || !readers.hasNext()) {
            throw new InvalidInputException(file, "not an image file this program can read (PNG or JPEG expected)");
        }
        return readers.next();
    }
}
