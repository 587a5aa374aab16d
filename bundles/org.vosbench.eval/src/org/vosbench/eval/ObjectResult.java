package org.vosbench.eval;

/**
 * The scores of one object of one sequence, over the evaluated frames (all but the first and
 * the last) from the first one the object appears on: all of them for DAVIS, whose objects are
 * on the first frame; fewer for an object that appears late ({@code vosbench evaluate --gt}).
 *
 * @param sequence the sequence name
 * @param objectId the object's label, 1..K
 * @param jaccard J per evaluated frame
 * @param boundaryF F per evaluated frame
 * @param j statistics of J
 * @param f statistics of F
 */
public record ObjectResult(String sequence, int objectId, double[] jaccard, double[] boundaryF, Statistics j,
        Statistics f) {

    /** @return the toolkit's row name, {@code <sequence>_<objectId>} */
    public String name() {
        return sequence + "_" + objectId;
    }

    /**
     * @param frame index into the evaluated frames
     * @return (J + F) / 2 of that frame
     */
    public double jAndF(int frame) {
        return (jaccard[frame] + boundaryF[frame]) / 2;
    }
}
