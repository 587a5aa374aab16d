/**
 * A short real sequence shipped with VOS Bench (DAVIS {@code drift-straight}, CC BY-NC 4.0), so
 * that the demo and the workbench work on a fresh installation with nothing to download.
 */
package org.vosbench.sample;
