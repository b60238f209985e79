package io.gatewatch.models.behaviour;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trains an {@link AnomalyModel} on snapshots of a window of traffic, without labels: the first half
 * of the window (by event time) gives the peer reference and the scorer, the second half calibrates
 * the threshold ({@link Calibration}). Pure and single-threaded: {@code ./detector train} and the
 * topology's background trainer both call it.
 */
public final class AnomalyTrainer {
    private static final double DAY_MS = 86_400_000.0;

    /** One training example: whose snapshot it is (for calibrating per client), and the snapshot. */
    public record Example(String client, Snapshot snapshot) {
    }

    private AnomalyTrainer() {
    }

    /** @throws IllegalArgumentException with fewer than two examples */
    public static AnomalyModel train(List<Example> examples, Algorithm algorithm, int minRequests) {
        if (examples.size() < 2) {
            throw new IllegalArgumentException("need at least 2 snapshots to train, got " + examples.size());
        }
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (Example e : examples) {
            from = Math.min(from, e.snapshot().minuteStart());
            to = Math.max(to, e.snapshot().minuteEnd());
        }
        long mid = from + (to - from) / 2;
        List<Example> first = new ArrayList<>();
        List<Example> second = new ArrayList<>();
        for (Example e : examples) {
            (e.snapshot().minuteStart() < mid ? first : second).add(e);
        }
        Set<String> clients = new HashSet<>();
        examples.forEach(e -> clients.add(e.client()));
        Map<String, Double> maxima = new HashMap<>();
        if (first.isEmpty() || second.isEmpty()) {
            // A window of one minute cannot be split: calibrate in-sample rather than not at all.
            scoreInto(maxima, fit(examples, algorithm, minRequests, from, to, clients.size()), examples);
        } else {
            // Cross-fitted: each half is scored by a model that never saw it, so the whole window is held out.
            scoreInto(maxima, fit(first, algorithm, minRequests, from, to, clients.size()), second);
            scoreInto(maxima, fit(second, algorithm, minRequests, from, to, clients.size()), first);
        }
        Calibration calibration = maxima.isEmpty() ? UNCALIBRATED
                : Calibration.of(maxima.values().stream().mapToDouble(Double::doubleValue).toArray(),
                        Math.max((to - from) / DAY_MS, 1e-6));
        AnomalyModel model = fit(examples, algorithm, minRequests, from, to, clients.size());
        AnomalyModel.Header h = model.header();
        return new AnomalyModel(new AnomalyModel.Header(1, algorithm, from, to, minRequests, FeatureSpace.NAMES,
                examples.size(), clients.size(), h.reference(), calibration), model.scorer());
    }

    /** Never exceeded: a model without a single judged held-out client judges nothing. */
    private static final Calibration UNCALIBRATED = new Calibration(new double[] {Double.MAX_VALUE}, 1);

    private static AnomalyModel fit(List<Example> data, Algorithm algorithm, int minRequests, long from, long to,
            int clients) {
        TrainingQuantiles reference = reference(data, minRequests);
        Scorer scorer = switch (algorithm) {
            case ROBUST_Z -> {
                Map<String, double[]> known = knownClients(data, minRequests);
                yield RobustZScorer.fit(reference, strangerMaxima(data, known.keySet(), minRequests), known);
            }
            case ISOLATION_FOREST -> ForestScorer.fit(relativeByScale(data, reference, minRequests));
        };
        return new AnomalyModel(new AnomalyModel.Header(1, algorithm, from, to, minRequests, FeatureSpace.NAMES,
                data.size(), clients, reference, UNCALIBRATED), scorer);
    }

    /** The busiest clients' own per-feature maxima, for those judged in at least KNOWN_MINUTES minutes. */
    private static Map<String, double[]> knownClients(List<Example> data, int minRequests) {
        Map<String, Integer> minutes = new HashMap<>();
        data.forEach(e -> minutes.merge(e.client(), 1, Integer::sum));
        Set<String> known = new HashSet<>(minutes.entrySet().stream()
                .filter(en -> en.getValue() >= RobustZScorer.KNOWN_MINUTES)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(RobustZScorer.MAX_KNOWN).map(Map.Entry::getKey).toList());
        Map<String, double[]> max = new HashMap<>();
        for (Example e : data) {
            if (!known.contains(e.client())) {
                continue;
            }
            double[] m = max.computeIfAbsent(e.client(), k -> {
                double[] init = new double[FeatureSpace.DIMENSION];
                java.util.Arrays.fill(init, Double.NEGATIVE_INFINITY);
                return init;
            });
            for (int i = 0; i < m.length; i++) {
                if (e.snapshot().requests(FeatureSpace.scale(i)) >= minRequests) {
                    m[i] = Math.max(m[i], e.snapshot().value(i));
                }
            }
        }
        return max;
    }

    private static double[] strangerMaxima(List<Example> data, Set<String> known, int minRequests) {
        double[] max = new double[FeatureSpace.DIMENSION];
        for (Example e : data) {
            if (known.contains(e.client())) {
                continue;
            }
            for (int i = 0; i < max.length; i++) {
                if (e.snapshot().requests(FeatureSpace.scale(i)) >= minRequests) {
                    max[i] = Math.max(max[i], e.snapshot().value(i));
                }
            }
        }
        return max;
    }

    private static void scoreInto(Map<String, Double> maxima, AnomalyModel model, List<Example> heldOut) {
        for (Example e : heldOut) {
            double s = model.score(e.snapshot(), e.client()).score();
            if (!Double.isNaN(s)) {
                // Per client and day: a client that is extreme every day costs the budget once a day.
                long day = Math.floorDiv(e.snapshot().minuteStart(), (long) DAY_MS);
                maxima.merge(e.client() + '|' + day, s, Math::max);
            }
        }
    }

    private static TrainingQuantiles reference(List<Example> fit, int minRequests) {
        List<double[]> columns = new ArrayList<>();
        List<double[]> weights = new ArrayList<>();
        for (Scale scale : Scale.values()) {
            List<Example> judged = fit.stream().filter(e -> e.snapshot().requests(scale) >= minRequests).toList();
            Map<String, Integer> perClient = new HashMap<>();
            judged.forEach(e -> perClient.merge(e.client(), 1, Integer::sum));
            double[] w = judged.stream().mapToDouble(e -> 1.0 / perClient.get(e.client())).toArray();
            for (Feature f : Feature.values()) {
                int index = FeatureSpace.index(scale, f);
                columns.add(judged.stream().mapToDouble(e -> e.snapshot().value(index)).toArray());
                weights.add(w);
            }
        }
        return TrainingQuantiles.of(columns, weights);
    }

    private static double[][][] relativeByScale(List<Example> fit, PeerReference reference, int minRequests) {
        Scale[] scales = Scale.values();
        double[][][] out = new double[scales.length][][];
        for (Scale s : scales) {
            int base = s.ordinal() * Feature.COUNT;
            out[s.ordinal()] = fit.stream().filter(e -> e.snapshot().requests(s) >= minRequests).map(e -> {
                double[] rel = new double[Feature.COUNT];
                for (int f = 0; f < Feature.COUNT; f++) {
                    rel[f] = reference.relative(base + f, e.snapshot().value(base + f));
                }
                return rel;
            }).toArray(double[][]::new);
        }
        return out;
    }
}
