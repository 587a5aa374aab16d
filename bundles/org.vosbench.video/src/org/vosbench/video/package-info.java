/**
 * Video files in and out, through FFmpeg (JavaCV's binding, linux-x86_64 natives):
 * {@link org.vosbench.video.VideoImport} decodes a video into a generic-folder sequence of
 * frames with a record of the source, its frame rate and each frame's timestamp;
 * {@link org.vosbench.video.OverlayVideoExport} writes a video of a sequence with its masks drawn
 * over it. The command line and the workbench both call these.
 */
package org.vosbench.video;
