package io.gatewatch.models.behaviour;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import java.util.Arrays;

/**
 * Turns an analyst's false-positive budget into a score threshold. The trainer cross-fits: a model fitted
 * on the first half of the training window scores the second half, one fitted on the second half scores
 * the first, so every snapshot is scored by a model that never saw it; each client keeps its highest
 * score per day. Allowing {@code f} benign clients a day over {@code days} of window means the threshold
 * sits at the {@code floor(f * days) + 1}-th highest client-day: the window would have alerted at most
 * {@code floor(f * days)} client-days. Held out rather than in-sample, so the threshold already includes
 * how far a new day's benign extremes go beyond those the model was fitted on; per client-day, so a
 * client that is extreme every day costs the budget every day.
 *
 * @param topClientScores the highest per-client-day scores of the held-out window, highest first (at most {@link #KEPT})
 * @param heldOutDays     the length of the window scored held-out, in days
 */
public record Calibration(double[] topClientScores, double heldOutDays) {
    public static final int KEPT = 200;

    public Calibration {
        topClientScores = topClientScores.clone();
        if (topClientScores.length == 0) {
            throw new IllegalArgumentException("calibration needs at least one held-out client");
        }
    }

    public static Calibration of(double[] clientMaxima, double heldOutDays) {
        double[] sorted = clientMaxima.clone();
        Arrays.sort(sorted);
        int n = Math.min(KEPT, sorted.length);
        double[] top = new double[n];
        for (int i = 0; i < n; i++) {
            top[i] = sorted[sorted.length - 1 - i];
        }
        return new Calibration(top, heldOutDays);
    }

    /** The score an alert must exceed for at most {@code falsePositivesPerDay} benign clients a day. */
    public double threshold(double falsePositivesPerDay) {
        int allowed = (int) Math.floor(falsePositivesPerDay * heldOutDays);
        return topClientScores[Math.min(allowed, topClientScores.length - 1)];
    }

    void writeTo(ByteWriter out) {
        out.writeDouble(heldOutDays);
        out.writeVarInt(topClientScores.length);
        for (double v : topClientScores) {
            out.writeDouble(v);
        }
    }

    static Calibration readFrom(ByteReader in) {
        double days = in.readDouble();
        int n = in.readVarInt();
        if (n < 1 || n > KEPT) {
            throw new IllegalArgumentException("corrupt calibration (" + n + " scores)");
        }
        double[] top = new double[n];
        for (int i = 0; i < n; i++) {
            top[i] = in.readDouble();
        }
        return new Calibration(top, days);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Calibration c && Arrays.equals(c.topClientScores, topClientScores)
                && c.heldOutDays == heldOutDays;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(topClientScores);
    }
}
