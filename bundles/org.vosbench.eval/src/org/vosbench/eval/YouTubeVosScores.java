package org.vosbench.eval;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The YouTube-VOS challenge's measures from per-object scores: J and F averaged over the objects
 * whose category is <em>seen</em> (a category of the training videos) and over the others
 * (<em>unseen</em>), and G, the mean of those four. An object's J and F are its means over the
 * frames scored (with {@link DatasetEvaluator.ObjectRule#AFTER_FIRST_APPEARANCE}: the annotated
 * frames after the one it first appears on). Where a split has no unseen (or no seen) object,
 * those two are NaN and G is the mean of the other two.
 *
 * @param jSeen mean J over objects of seen categories
 * @param fSeen mean F over objects of seen categories
 * @param jUnseen mean J over objects of unseen categories
 * @param fUnseen mean F over objects of unseen categories
 * @param seenObjects number of objects of seen categories
 * @param unseenObjects number of objects of unseen categories
 */
public record YouTubeVosScores(double jSeen, double fSeen, double jUnseen, double fUnseen, int seenObjects,
        int unseenObjects) {

    /**
     * @param result per-object scores
     * @param categories a sequence's object id to category
     * @param seen the categories of the training videos
     */
    public static YouTubeVosScores of(EvaluationResult result, Function<String, Map<Integer, String>> categories,
            Set<String> seen) {
        double js = 0;
        double fs = 0;
        double ju = 0;
        double fu = 0;
        int ns = 0;
        int nu = 0;
        for (SequenceResult sequence : result.sequences()) {
            Map<Integer, String> byId = categories.apply(sequence.name());
            for (ObjectResult o : sequence.objects()) {
                if (seen.contains(byId.getOrDefault(o.objectId(), ""))) {
                    js += o.j().mean();
                    fs += o.f().mean();
                    ns++;
                } else {
                    ju += o.j().mean();
                    fu += o.f().mean();
                    nu++;
                }
            }
        }
        return new YouTubeVosScores(js / ns, fs / ns, ju / nu, fu / nu, ns, nu);
    }

    /** @return the mean of J and F over seen and unseen (of those defined) */
    public double g() {
        double sum = 0;
        int n = 0;
        for (double v : new double[] {jSeen, fSeen, jUnseen, fUnseen}) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** @return a CSV in the style of the DAVIS global results: a header line and one line of values */
    public String csv() {
        return "G,J-Seen,F-Seen,J-Unseen,F-Unseen,Seen-Objects,Unseen-Objects\n"
                + String.format(Locale.ROOT, "%.3f,%.3f,%.3f,%.3f,%.3f,%d,%d%n", g(), jSeen, fSeen, jUnseen, fUnseen,
                        seenObjects, unseenObjects);
    }
}
