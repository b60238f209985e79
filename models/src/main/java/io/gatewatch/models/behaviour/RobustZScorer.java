package io.gatewatch.models.behaviour;

/**
 * Per feature, the peer-relative value divided by the training population's own extreme of it (the
 * training max, relative, at least 1), so that 1 means "as far out as the furthest training client";
 * the scale's score is the largest of them.
 */
record RobustZScorer(double[] extremes) implements Scorer {

    RobustZScorer {
        extremes = extremes.clone();
    }

    static RobustZScorer fit(TrainingQuantiles reference) {
        double[] e = new double[FeatureSpace.DIMENSION];
        for (int i = 0; i < e.length; i++) {
            e[i] = Math.max(1.0, reference.relative(i, reference.max(i)));
        }
        return new RobustZScorer(e);
    }

    @Override
    public double score(Scale scale, double[] relative) {
        double best = Double.NEGATIVE_INFINITY;
        int base = scale.ordinal() * Feature.COUNT;
        for (int f = 0; f < relative.length; f++) {
            best = Math.max(best, relative[f] / extremes[base + f]);
        }
        return best;
    }
}
