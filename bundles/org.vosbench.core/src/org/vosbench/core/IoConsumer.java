package org.vosbench.core;

import java.io.IOException;

/**
 * A consumer that may fail with an {@link IOException}, for bodies that write a file.
 *
 * @param <T> what the body receives
 */
@FunctionalInterface
public interface IoConsumer<T> {

    /**
     * Consumes the value.
     *
     * @param value the value
     * @throws IOException when writing fails
     */
    void accept(T value) throws IOException;
}
