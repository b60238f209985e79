package io.gatewatch.app.bench;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Times a run from its first processed record to its last by polling its counters: startup (group
 * join, task assignment, state set-up) is reported apart, because it does not grow with the input.
 */
final class Stopwatch {
    /**
     * @param appCpuNanos     CPU time of the application's own threads over the run (see {@link CpuMeter})
     * @param processCpuNanos CPU time of the whole process over the run: broker and producer included
     * @param appAllocBytes   heap bytes allocated by the application's own threads over the run, -1 if unknown
     */
    record Timing(long startedNanos, long firstNanos, long doneNanos, long appCpuNanos, long processCpuNanos,
            long appAllocBytes) {
        double startupSeconds() {
            return (firstNanos - startedNanos) / 1e9;
        }

        double processingSeconds() {
            return (doneNanos - firstNanos) / 1e9;
        }

        double appCpuMicrosPer(long events) {
            return appCpuNanos / 1e3 / events;
        }

        double processCpuMicrosPer(long events) {
            return processCpuNanos / 1e3 / events;
        }

        /** Includes start-up and the threads' Kafka clients: an upper bound of the per-event garbage. */
        double appAllocBytesPer(long events) {
            return appAllocBytes < 0 ? Double.NaN : (double) appAllocBytes / events;
        }
    }

    /** Throws when the run cannot finish, e.g. its topology failed. */
    interface Check {
        void check();
    }

    private Stopwatch() {
    }

    /**
     * Polls until finished.
     *
     * @param applicationId names the threads whose CPU time is the application's
     * @param startedCpu    {@link CpuMeter#processNanos()} when the run was started
     */
    static Timing time(long startedNanos, long startedCpu, String applicationId, LongSupplier processed,
            BooleanSupplier finished, long timeoutNanos, Check check, HeapWatch heap, Runnable report) {
        long first = 0;
        long lastReport = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            if (first == 0 && processed.getAsLong() > 0) {
                first = now;
            }
            if (finished.getAsBoolean()) {
                return new Timing(startedNanos, first == 0 ? now : first, now, CpuMeter.threadsNanos(applicationId),
                        CpuMeter.processNanos() - startedCpu, CpuMeter.threadsAllocatedBytes(applicationId));
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
