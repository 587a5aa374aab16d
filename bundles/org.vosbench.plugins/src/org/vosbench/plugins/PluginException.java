package org.vosbench.plugins;

/** A plugin cannot be added, removed or generated; the message names the bundle or file and what is wrong. */
public final class PluginException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the bundle or file */
    public PluginException(String message) {
        super(message);
    }

    /** @param message what is wrong @param cause the underlying failure */
    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
