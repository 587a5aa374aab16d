package org.vosbench.interaction;

import java.util.Locale;

/** The kinds of input an interaction model may accept (attribute {@code accepts} of the extension). */
public enum InputKind {
    /** Positive and negative clicks. */
    CLICKS("clicks"),
    /** One box around the object. */
    BOX("box"),
    /** Positive and negative scribbles (strokes). */
    SCRIBBLES("scribbles"),
    /** The object's current mask, refined by the new input. */
    PREVIOUS_MASK("previous-mask");

    private final String id;

    InputKind(String id) {
        this.id = id;
    }

    /** @return the name used in {@code plugin.xml} */
    public String id() {
        return id;
    }

    /**
     * @param id a name as in {@code plugin.xml}
     * @return the kind
     * @throws IllegalArgumentException for an unknown name
     */
    public static InputKind parse(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (InputKind k : values()) {
            if (k.id.equals(wanted)) {
                return k;
            }
        }
        throw new IllegalArgumentException("Unknown interaction input '" + id
                + "': expected clicks, box, scribbles or previous-mask");
    }

    @Override
    public String toString() {
        return id;
    }
}
