/**
 * The machinery of the DAVIS evaluation: per-frame scoring on row bitsets, NumPy-identical
 * statistics, pandas-identical number formatting, and the evaluation benchmark.
 */
package org.vosbench.eval.internal;
