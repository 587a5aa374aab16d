package org.vosbench.dataset;

import java.util.Objects;

/**
 * The answer of {@link DatasetFormat#detect(java.nio.file.Path)}.
 *
 * @param matches whether the folder is in the format
 * @param specificity how specific the match is, used when several formats match (a DAVIS or
 *     YouTube-VOS folder also looks like generic folders): higher wins. The formats of this
 *     repository use 30 (DAVIS, YouTube-VOS), 20 (BL30K), 10 (generic layout), 5 (one folder of
 *     frames)
 * @param expected what the format expects, in one line, for the error shown when nothing matches
 * @param found what was found in the folder, in one line
 */
public record Detection(boolean matches, int specificity, String expected, String found) {

    public Detection {
        Objects.requireNonNull(expected);
        Objects.requireNonNull(found);
    }

    /** @return a match */
    public static Detection match(int specificity, String expected, String found) {
        return new Detection(true, specificity, expected, found);
    }

    /** @return a mismatch */
    public static Detection noMatch(String expected, String found) {
        return new Detection(false, 0, expected, found);
    }
}
