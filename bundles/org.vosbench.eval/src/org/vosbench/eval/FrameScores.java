package org.vosbench.eval;

/**
 * J and F of every object on one frame.
 *
 * @param jaccard J of object {@code k} at index {@code k - 1}
 * @param boundaryF F of object {@code k} at index {@code k - 1}
 */
public record FrameScores(double[] jaccard, double[] boundaryF) {

    /** @return the number of objects scored */
    public int objects() {
        return jaccard.length;
    }

    /**
     * @param objectId 1..K
     * @return (J + F) / 2 of that object
     */
    public double jAndF(int objectId) {
        return (jaccard[objectId - 1] + boundaryF[objectId - 1]) / 2;
    }
}
