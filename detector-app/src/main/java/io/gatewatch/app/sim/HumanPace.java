package io.gatewatch.app.sim;

import java.util.random.RandomGenerator;

/** How people spread over the day and how long they look at a page. */
final class HumanPace {
    private HumanPace() {
    }

    /** Reading time between two requests: log-normal, median about 9 s, between 1.5 s and 2 min. */
    static long thinkMillis(RandomGenerator r) {
        double seconds = Math.exp(Math.log(9) + 0.8 * r.nextGaussian());
        return (long) (1000 * Math.clamp(seconds, 1.5, 120));
    }

    /**
     * A session start in [from, to), more likely in the (UTC) afternoon than at night: rejection
     * sampling against a day curve, so any window length works.
     */
    static long sessionStart(RandomGenerator r, long from, long to) {
        while (true) {
            long t = from + (long) (r.nextDouble() * (to - from));
            double hour = (t / 3_600_000.0) % 24;
            double weight = 0.15 + 0.85 * Math.max(0, Math.sin(Math.PI * (hour - 5) / 18));
            if (r.nextDouble() < weight) {
                return t;
            }
        }
    }

    static long between(RandomGenerator r, long lowMillis, long highMillis) {
        return lowMillis + (long) (r.nextDouble() * (highMillis - lowMillis));
    }
}
