/**
 * QA views: the evaluation view (DAVIS J and F per sequence and object, sortable, with a bar chart and
 * the toolkit's CSV files) and the compare editor (two runs, or a run and the ground truth, side by side
 * with synchronised frame, zoom and pan, a difference overlay and a per-frame J&amp;F strip chart).
 */
package org.vosbench.ui.eval;
