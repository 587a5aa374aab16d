/**
 * Frames, label masks and their files: palette PNG reading and writing that keeps indices and
 * palette exactly, RGB frame decoding, atomic file writes, NumPy arrays, and the progress and
 * cancellation contract shared by every long-running job.
 *
 * <p>This package knows nothing of SWT, DJL or EMF; every other VOS Bench bundle builds on it.
 */
package org.vosbench.core;
