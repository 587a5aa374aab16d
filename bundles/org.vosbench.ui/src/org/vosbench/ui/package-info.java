/**
 * Shared SWT widgets of the workbench: the frame canvas (zoom, pan, fit), overlay rendering of label
 * masks in the DAVIS palette (filled with opacity, contour, off), the difference overlay of the compare
 * editor, and a frame cache with prefetch for scrubbing. No workbench, no engine: SWT and core only.
 */
package org.vosbench.ui;
