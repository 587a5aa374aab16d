package org.vosbench.engine;

/** A failure of the engine that the user can act on; the message says what and where. */
public class EngineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the file or setting involved */
    public EngineException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the file or setting involved
     * @param cause the underlying failure
     */
    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
