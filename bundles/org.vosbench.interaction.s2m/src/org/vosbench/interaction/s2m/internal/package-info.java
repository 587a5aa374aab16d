/**
 * MiVOS's scribble-to-mask network ({@code model/s2m}): DeepLabV3+ on a ResNet-50 with 6 input
 * channels, output stride 16, read from the official {@code s2m.pth}.
 */
package org.vosbench.interaction.s2m.internal;
