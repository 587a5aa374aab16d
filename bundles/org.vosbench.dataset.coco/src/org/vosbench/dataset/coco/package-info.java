/**
 * Mask exchange formats beside the DAVIS palette PNGs: COCO's compressed run-length encoding
 * ({@link org.vosbench.dataset.coco.CocoRle}, column-major as pycocotools encodes), one JSON per
 * video in SA-V's layout, a COCO instances JSON with video and frame ids, and SA-V-style folders
 * of one binary PNG per object ({@link org.vosbench.dataset.coco.MaskExchange}). Export reads a
 * mask folder in the DAVIS result layout; import writes one, exactly the masks exported.
 */
package org.vosbench.dataset.coco;
