package org.vosbench.interaction;

/**
 * The input of an interaction is unusable (a click outside the frame, an empty box, a map of the
 * wrong size, an unknown object, an input the model does not take). Nothing was computed.
 */
public final class InvalidInteractionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Which part of the request is wrong, so that a caller can name its own argument or file. */
    public enum Part {
        /** The frame. */
        IMAGE,
        /** A click. */
        CLICK,
        /** The box. */
        BOX,
        /** The scribble map. */
        SCRIBBLES,
        /** The previous mask. */
        PREVIOUS_MASK,
        /** The object id. */
        OBJECT,
        /** The model chosen. */
        MODEL
    }

    private final Part part;

    /**
     * @param part what is wrong
     * @param message what is wrong, in words a user can act on
     */
    public InvalidInteractionException(Part part, String message) {
        super(message);
        this.part = part;
    }

    /** @return the offending part */
    public Part part() {
        return part;
    }
}
