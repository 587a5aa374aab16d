/**
 * STCN's network in its training modes ({@code encode_key}, {@code encode_value}, {@code segment}), the
 * API the training bundle uses: the same network code the propagation engine runs, reached without
 * importing the backbone's internals.
 */
package org.vosbench.engine.stcn.training;
