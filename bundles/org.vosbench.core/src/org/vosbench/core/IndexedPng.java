package org.vosbench.core;

/**
 * A mask read from a PNG, with the palette it was stored with.
 *
 * @param mask the labels (palette indices, or grey values with 0/255 read as 0/1)
 * @param palette the file's palette; the DAVIS palette when the file is greyscale
 * @param paletted whether the file was a palette PNG
 */
public record IndexedPng(LabelMask mask, Palette palette, boolean paletted) {
}
