package io.gatewatch.models.behaviour;

import smile.anomaly.IsolationForest;

/**
 * One Smile isolation forest per scale over the peer-relative features. Smile's raw score
 * ({@code 2^(-depth/c(n))}) crowds into a narrow band, so it is rescaled per scale by its own training
 * median and 99th percentile: 0 is a typical training vector, 1 the 99th percentile.
 *
 * @param forests one per {@link Scale} ordinal; null where the scale had too few vectors to train
 */
record ForestScorer(IsolationForest[] forests, double[] rawP50, double[] rawP99) implements Scorer {
    static final int TREES = 100;

    ForestScorer {
        forests = forests.clone();
        rawP50 = rawP50.clone();
        rawP99 = rawP99.clone();
    }

    static ForestScorer fit(double[][][] relativeByScale) {
        int scales = Scale.values().length;
        IsolationForest[] forests = new IsolationForest[scales];
        double[] p50 = new double[scales];
        double[] p99 = new double[scales];
        for (int s = 0; s < scales; s++) {
            // Each tree sees 256 rows; a stride sample of 8,192 keeps fitting fast on a long window.
            double[][] data = sample(relativeByScale[s], 8192);
            if (data.length < 2) {
                continue;
            }
            // Axis-parallel cuts (extension 0), about 256 samples per tree as in Liu et al.
            double subsample = Math.min(0.9, 256.0 / data.length);
            forests[s] = IsolationForest.fit(data, new IsolationForest.Options(TREES, 0, subsample, 0));
            // The rescaling needs two quantiles, not every vector: a few thousand keep training fast.
            double[] raw = forests[s].score(sample(data, 4096));
            java.util.Arrays.sort(raw);
            p50[s] = TrainingQuantiles.quantile(raw, 0.5);
            p99[s] = TrainingQuantiles.quantile(raw, 0.99);
        }
        return new ForestScorer(forests, p50, p99);
    }

    private static double[][] sample(double[][] data, int n) {
        if (data.length <= n) {
            return data;
        }
        double[][] out = new double[n][];
        double step = (double) data.length / n;
        for (int i = 0; i < n; i++) {
            out[i] = data[(int) (i * step)];
        }
        return out;
    }

    @Override
    public double score(Scale scale, double[] relative, String client) {
        IsolationForest f = forests[scale.ordinal()];
        if (f == null) {
            return Double.NaN;
        }
        int s = scale.ordinal();
        return (f.score(relative) - rawP50[s]) / Math.max(rawP99[s] - rawP50[s], 1e-3);
    }
}
