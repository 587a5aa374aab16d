/**
 * A training-free backbone for the propagation engine, contributed to
 * {@code org.vosbench.engine.backbones} as {@code weightfree}: keys are CIE Lab colour and
 * position per cell, values are the object masks averaged per cell, and decoding upsamples the
 * memory readout with a colour guided filter so that mask edges follow the frame's edges. The
 * engine's memory read (similarity, top-k softmax) and soft aggregation do the rest.
 * Internal: consumers find it through the engine's registry.
 */
package org.vosbench.engine.weightfree.internal;
