/**
 * The propagation engine's API: backbones and similarities contributed through the
 * {@code org.vosbench.engine.backbones} and {@code org.vosbench.engine.similarities} extension
 * points, memory policies, and the stateful {@link org.vosbench.engine.PropagationSession}
 * whose {@code step()} encodes a frame once, reads memory, decodes one probability map per
 * object and aggregates them. Tensors are DJL {@code NDArray}s; nothing here is specific to
 * PyTorch.
 */
package org.vosbench.engine;
