/**
 * The training-free interaction model: OpenCV's GrabCut (colour GMMs and a graph cut) seeded
 * from the person's input.
 */
package org.vosbench.interaction.grabcut.internal;
