/**
 * DAVIS semi-supervised evaluation, identical to the official davis2017-evaluation toolkit:
 * region similarity J (Jaccard), boundary F-measure, their Mean, Recall and Decay per object,
 * global means, and the toolkit's CSV files and printed tables.
 *
 * <p>{@link org.vosbench.eval.DavisEvaluator} evaluates a result folder against a DAVIS root;
 * {@link org.vosbench.eval.DavisMetrics} scores masks already in memory (per-frame J and F).
 */
package org.vosbench.eval;
