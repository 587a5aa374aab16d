package org.vosbench.eval;

import java.util.ArrayList;
import java.util.List;

import org.vosbench.core.LabelMask;
import org.vosbench.eval.internal.FrameScorer;

/**
 * The DAVIS measures on masks already in memory, for views that compare a run with the ground
 * truth frame by frame. The definitions are davis2017-evaluation's: J is the Jaccard index
 * (1 when the object is absent from both masks), F the boundary F-measure with a tolerance of
 * {@code ceil(0.008 * diagonal)} pixels; ground-truth void (255) counts as background.
 */
public final class DavisMetrics {

    private static final ThreadLocal<FrameScorer> SCORERS = ThreadLocal.withInitial(FrameScorer::new);

    private DavisMetrics() {
    }

    /**
     * Scores objects {@code 1..objects} on one frame. Result labels above {@code objects} are
     * ignored here (the folder evaluation rejects them, as the toolkit does).
     *
     * @param groundTruth the ground-truth mask
     * @param result the result mask, same size
     * @param objects K
     * @return J and F per object
     * @throws IllegalArgumentException when the sizes differ
     */
    public static FrameScores score(LabelMask groundTruth, LabelMask result, int objects) {
        checkSameSize(groundTruth, result);
        FrameScorer.Scores scores = SCORERS.get().score(groundTruth.labels(), result.labels(), groundTruth.width(),
                groundTruth.height(), objects);
        return new FrameScores(scores.jaccard(), scores.boundaryF());
    }

    /**
     * @param groundTruth the ground-truth mask
     * @param result the result mask, same size
     * @param objectId the object
     * @return J of that object
     */
    public static double jaccard(LabelMask groundTruth, LabelMask result, int objectId) {
        return score(single(groundTruth, objectId), single(result, objectId), 1).jaccard()[0];
    }

    /**
     * @param groundTruth the ground-truth mask
     * @param result the result mask, same size
     * @param objectId the object
     * @return F of that object
     */
    public static double boundaryF(LabelMask groundTruth, LabelMask result, int objectId) {
        return score(single(groundTruth, objectId), single(result, objectId), 1).boundaryF()[0];
    }

    /**
     * Scores a whole sequence as the toolkit does: objects are the labels up to the largest of
     * the first ground-truth frame; the first and last frames are not scored.
     *
     * @param name the sequence name
     * @param frameNames one name per frame
     * @param groundTruth one mask per frame
     * @param results one mask per frame (the first and last are not read and may be null)
     * @return per-object J and F over frames {@code 1..n-2} and their statistics
     * @throws IllegalArgumentException when the lists differ in length, the sequence has fewer
     *         than three frames, or a result mask is missing or of another size
     */
    public static SequenceResult evaluateSequence(String name, List<String> frameNames, List<LabelMask> groundTruth,
            List<LabelMask> results) {
        int n = groundTruth.size();
        if (frameNames.size() != n || results.size() != n) {
            throw new IllegalArgumentException("Need as many frame names, ground-truth and result masks");
        }
        if (n < 3) {
            throw new IllegalArgumentException("Sequence " + name + " needs at least 3 frames, has " + n);
        }
        int objects = groundTruth.get(0).maxObjectLabel();
        List<FrameScores> frames = new ArrayList<>();
        for (int i = 1; i < n - 1; i++) {
            if (results.get(i) == null) {
                throw new IllegalArgumentException("No result mask for frame " + frameNames.get(i) + " of " + name);
            }
            frames.add(score(groundTruth.get(i), results.get(i), objects));
        }
        return sequenceResult(name, frameNames.subList(1, n - 1), frames, objects);
    }

    static SequenceResult sequenceResult(String name, List<String> evaluatedFrames, List<FrameScores> frames,
            int objects) {
        List<ObjectResult> objectResults = new ArrayList<>(objects);
        for (int k = 0; k < objects; k++) {
            double[] j = new double[frames.size()];
            double[] f = new double[frames.size()];
            for (int t = 0; t < frames.size(); t++) {
                j[t] = frames.get(t).jaccard()[k];
                f[t] = frames.get(t).boundaryF()[k];
            }
            objectResults.add(new ObjectResult(name, k + 1, j, f, Statistics.of(j), Statistics.of(f)));
        }
        return new SequenceResult(name, evaluatedFrames, objectResults);
    }

    private static LabelMask single(LabelMask mask, int objectId) {
        byte[] source = mask.labels();
        byte[] binary = new byte[source.length];
        for (int i = 0; i < source.length; i++) {
            binary[i] = (byte) ((source[i] & 0xFF) == objectId ? 1 : 0);
        }
        return new LabelMask(mask.width(), mask.height(), binary);
    }

    private static void checkSameSize(LabelMask groundTruth, LabelMask result) {
        if (groundTruth.width() != result.width() || groundTruth.height() != result.height()) {
            throw new IllegalArgumentException("Result is " + result.size() + " but the ground truth is "
                    + groundTruth.size());
        }
    }
}
