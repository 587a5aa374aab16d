/**
 * The dataset API: a {@link org.vosbench.dataset.DatasetFormat} recognises a folder and opens it
 * as a {@link org.vosbench.dataset.Dataset}, a list of {@link org.vosbench.dataset.SequenceRef}s
 * (frames, the masks given as input, the ground truth, the object ids, the frames whose results
 * are written). Formats are contributed to the extension point
 * {@code org.vosbench.dataset.formats}; the {@link org.vosbench.dataset.DatasetFormatRegistry}
 * service lists them and detects which one a folder is in.
 *
 * <p>Listing never decodes an image: only {@link org.vosbench.dataset.SequenceRef#objectIds()}
 * may decode a mask, once, and only for formats whose object list lives in the masks.
 */
package org.vosbench.dataset;
