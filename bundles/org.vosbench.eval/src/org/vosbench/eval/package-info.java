/**
 * DAVIS semi-supervised evaluation, identical to the official davis2017-evaluation toolkit:
 * region similarity J (Jaccard), boundary F-measure, their Mean, Recall and Decay per object,
 * global means, and the toolkit's CSV files and printed tables.
 *
 * <p>{@link org.vosbench.eval.DatasetEvaluator} is the one evaluator: a result folder against a
 * {@link org.vosbench.dataset.Dataset} of any format (strict as the toolkit, or lenient for partly
 * propagated projects), and per-frame J&amp;F for the compare editor;
 * {@link org.vosbench.eval.EvaluationFiles} writes the toolkit's CSV files and tables;
 * {@link org.vosbench.eval.DavisMetrics} scores masks already in memory.
 */
package org.vosbench.eval;
