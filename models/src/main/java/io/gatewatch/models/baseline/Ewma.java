package io.gatewatch.models.baseline;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;

/**
 * Exponentially weighted mean and variance of a series (West's incremental form). Until it has seen
 * {@code 1/alpha} samples it weighs each sample {@code 1/n}, so the early estimate is the plain mean
 * and variance of what it has seen rather than a mean dragged towards zero. A run of zero samples
 * (a quiet spell) is folded in closed form, so a gap of a thousand intervals costs no more than one.
 * Stored as two floats and a count: nine bytes at most, one when empty.
 */
public final class Ewma {
    private static final long MAX_SAMPLES = 1L << 40;
    private final double alpha;
    private final long warmup;
    private long samples;
    private double mean;
    private double variance;

    /** @param alpha weight of the newest sample once warmed up, in (0, 1] */
    public Ewma(double alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1]: " + alpha);
        }
        this.alpha = alpha;
        this.warmup = (long) Math.ceil(1 / alpha);
    }

    /** The alpha whose weights halve every {@code halfLife} steps. */
    public static double alphaForHalfLife(double halfLifeSteps) {
        if (!(halfLifeSteps > 0)) {
            throw new IllegalArgumentException("half-life must be positive: " + halfLifeSteps);
        }
        return 1 - Math.pow(0.5, 1 / halfLifeSteps);
    }

    public void add(double x) {
        double a = weightOfNext();
        double diff = x - mean;
        double incr = a * diff;
        mean += incr;
        variance = (1 - a) * (variance + diff * incr);
        samples = Math.min(MAX_SAMPLES, samples + 1);
    }

    /** Folds in {@code k} samples of zero: exact, and O(1) once warmed up. */
    public void addZeros(long k) {
        long stepwise = Math.min(k, Math.max(0, warmup - samples));
        for (long i = 0; i < stepwise; i++) {
            add(0);
        }
        long rest = k - stepwise;
        if (rest <= 0) {
            return;
        }
        // k steps of x=0 with a fixed weight a and d=1-a: mean_k = d^k m, var_k = d^k (v + m^2 (1 - d^k))
        double dk = Math.pow(1 - alpha, rest);
        variance = dk * (variance + mean * mean * (1 - dk));
        mean *= dk;
        samples = Math.min(MAX_SAMPLES, samples + rest);
    }

    public void reset() {
        samples = 0;
        mean = 0;
        variance = 0;
    }

    public long samples() {
        return samples;
    }

    public double mean() {
        return mean;
    }

    public double variance() {
        return Math.max(0, variance);
    }

    public double stddev() {
        return Math.sqrt(variance());
    }

    private double weightOfNext() {
        return samples < warmup ? 1.0 / (samples + 1) : alpha;
    }

    public void writeTo(ByteWriter out) {
        out.writeVarLong(samples);
        if (samples > 0) {
            out.writeFloat((float) mean);
            out.writeFloat((float) variance);
        }
    }

    /** Reads into this (freshly constructed, same alpha) instance. */
    public Ewma readFrom(ByteReader in) {
        reset();
        samples = in.readVarLong();
        if (samples > 0) {
            mean = in.readFloat();
            variance = in.readFloat();
        }
        return this;
    }
}
