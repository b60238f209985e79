package io.gatewatch.app.config;

import java.time.Duration;

/**
 * The duration grammar of the config file and the command line ({@code 90s}, {@code 5m}, {@code 1h30m},
 * {@code 250ms}, {@code 2d}, {@code PT90S}); it lives in {@link io.gatewatch.schema.config.Durations} so
 * that the alerting module reads the same grammar.
 */
public final class Durations {
    private Durations() {
    }

    /** Null when the text is not a duration; {@link #problem} says why. */
    public static Duration parse(String text) {
        return io.gatewatch.schema.config.Durations.parse(text).orElse(null);
    }

    /**
     * Why the text is not a duration, e.g. {@code a duration needs a unit, e.g. 90s, 5m, 1h30m or PT90S}
     * for {@code 90}; null when it is one. A command line prints {@code text + ": " + problem}.
     */
    public static String problem(String text) {
        return io.gatewatch.schema.config.Durations.problem(text);
    }

    public static String format(Duration d) {
        return io.gatewatch.schema.config.Durations.format(d);
    }
}
