package org.vosbench.ui.editor;

import java.util.Objects;

/**
 * One object of a sequence as the editor lists it.
 *
 * @param id the label in the masks, 1..254
 * @param name what people call it
 * @param color 0xRRGGBB it is drawn in (the DAVIS palette colour unless recoloured)
 * @param visible whether the overlay shows it
 */
public record AnnotatedObject(int id, String name, int color, boolean visible) {

    public AnnotatedObject {
        if (id < 1 || id > 254) {
            throw new IllegalArgumentException("Object ids are 1..254: " + id);
        }
        Objects.requireNonNull(name);
    }

    public AnnotatedObject withName(String newName) {
        return new AnnotatedObject(id, newName, color, visible);
    }

    public AnnotatedObject withColor(int newColor) {
        return new AnnotatedObject(id, name, newColor, visible);
    }

    public AnnotatedObject withVisible(boolean newVisible) {
        return new AnnotatedObject(id, name, color, newVisible);
    }
}
