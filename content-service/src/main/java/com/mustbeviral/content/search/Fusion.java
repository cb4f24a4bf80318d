package com.mustbeviral.content.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack et al., 2009): each list gives a piece 1 / (k + rank); the sums
 * rank the fused list. It needs no calibration between bm25 and cosine scores, which share no scale.
 */
final class Fusion {

    /** The paper's constant: damps the weight of the very top ranks. */
    static final int K = 60;

    private Fusion() {
    }

    static List<ScoredId> reciprocalRank(List<ScoredId> keyword, List<ScoredId> semantic) {
        Map<String, Double> scores = new LinkedHashMap<>();
        add(keyword, scores);
        add(semantic, scores);
        List<ScoredId> fused = new ArrayList<>(scores.size());
        scores.forEach((id, score) -> fused.add(new ScoredId(id, score, null)));
        fused.sort(Comparator.comparingDouble(ScoredId::score).reversed().thenComparing(ScoredId::id));
        return fused;
    }

    private static void add(List<ScoredId> ranking, Map<String, Double> scores) {
        for (int rank = 0; rank < ranking.size(); rank++) {
            scores.merge(ranking.get(rank).id(), 1.0 / (K + rank + 1), Double::sum);
        }
    }
}
