package com.mustbeviral.content.search;

import java.util.Random;

/** Random unit vectors of the model's dimensions, for the index's tests. */
final class UnitVectors {

    private UnitVectors() {
    }

    /** A vector with Gaussian components, scaled to length 1 (random directions, nearly orthogonal to each other). */
    static float[] random(Random random) {
        float[] v = new float[Embedder.DIMENSIONS];
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
            sum += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(sum);
        }
        return v;
    }
}
