package io.gatewatch.models.behaviour;

import java.util.HashMap;
import java.util.Map;

/**
 * Per feature, how far the peer-relative value goes towards the training population's own extreme of it,
 * on a log scale: {@code ln(1 + rel) / ln(1 + extreme)}, with the extreme the training max (relative, at
 * least 1). 1 means "as far out as the furthest training client"; the scale's score is the largest of
 * them. The log is there because counts spread multiplicatively: a crowd behind one address that sends
 * 1,000 requests an hour one day and 800 the next is less news than a client with 24 failed logins where
 * the furthest peer had 5.
 *
 * <p>A client busy through much of the training window (a partner's integration, a carrier NAT) is its
 * own yardstick: its extremes are the larger of its own training max and the other clients', so it is
 * news when it leaves its own range, not every day for being itself; and the other clients' extremes
 * leave it out, so a newcomer doing what only the NAT does is news at once.
 *
 * @param own per known client key, its own training maxima (relative), by {@link FeatureSpace} index
 */
record RobustZScorer(double[] extremes, Map<String, double[]> own) implements Scorer {
    /** Clients with at least this many judged minutes in the window are known by their own range. */
    static final int KNOWN_MINUTES = 120;
    /** At most this many known clients, the busiest, so that a model stays small. */
    static final int MAX_KNOWN = 256;

    RobustZScorer {
        extremes = extremes.clone();
        own = Map.copyOf(own);
    }

    /**
     * @param strangerMaxima per index, the training max over the clients not known by their own range:
     *                       a carrier NAT's volume is its own yardstick, not every newcomer's
     * @param ownMaxima      per known client, its own training max per index
     */
    static RobustZScorer fit(TrainingQuantiles reference, double[] strangerMaxima, Map<String, double[]> ownMaxima) {
        double[] e = new double[FeatureSpace.DIMENSION];
        for (int i = 0; i < e.length; i++) {
            e[i] = Math.max(1.0, reference.relative(i, strangerMaxima[i]));
        }
        Map<String, double[]> own = new HashMap<>();
        ownMaxima.forEach((client, max) -> {
            double[] rel = new double[max.length];
            for (int i = 0; i < max.length; i++) {
                rel[i] = Math.max(e[i], reference.relative(i, max[i]));
            }
            own.put(client, rel);
        });
        return new RobustZScorer(e, own);
    }

    @Override
    public double score(Scale scale, double[] relative, String client) {
        double best = Double.NEGATIVE_INFINITY;
        for (double t : terms(scale, relative, client)) {
            best = Math.max(best, t);
        }
        return best;
    }

    /** Each feature's own term; the score is the largest. */
    double[] terms(Scale scale, double[] relative, String client) {
        double[] ext = client == null ? extremes : own.getOrDefault(client, extremes);
        double[] t = new double[relative.length];
        int base = scale.ordinal() * Feature.COUNT;
        for (int f = 0; f < relative.length; f++) {
            t[f] = Math.log1p(Math.max(0, relative[f])) / Math.log1p(ext[base + f]);
        }
        return t;
    }
}
