package io.gatewatch.app.bench;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Times a run from its first processed record to its last by polling its counters: startup (group
 * join, task assignment, state set-up) is reported apart, because it does not grow with the input.
 */
final class Stopwatch {
    record Timing(long startedNanos, long firstNanos, long doneNanos) {
        double startupSeconds() {
            return (firstNanos - startedNanos) / 1e9;
        }

        double processingSeconds() {
            return (doneNanos - firstNanos) / 1e9;
        }
    }

    /** Throws when the run cannot finish, e.g. its topology failed. */
    interface Check {
        void check();
    }

    private Stopwatch() {
    }

    static Timing time(long startedNanos, LongSupplier processed, BooleanSupplier finished, long timeoutNanos,
            Check check, HeapWatch heap, Runnable report) {
        long first = 0;
        long lastReport = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            if (first == 0 && processed.getAsLong() > 0) {
                first = now;
            }
            if (finished.getAsBoolean()) {
                return new Timing(startedNanos, first == 0 ? now : first, now);
            }
            check.check();
            if (now - startedNanos > timeoutNanos) {
                throw new IllegalStateException("gave up after " + timeoutNanos / 1_000_000_000L + " s, "
                        + processed.getAsLong() + " records processed");
            }
            heap.sample();
            if (now - lastReport > 5_000_000_000L) {
                report.run();
                lastReport = now;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
