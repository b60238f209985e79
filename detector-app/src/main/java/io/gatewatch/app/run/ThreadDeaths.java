package io.gatewatch.app.run;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Whether a stream thread that died should be replaced: yes, unless {@code limit} threads have died
 * within {@code period}. A thread that dies once (a bug on one record, a lost transaction) is worth a
 * new one; one that keeps dying will not get better, and the process is better stopped so that its
 * supervisor restarts it and an operator sees it.
 */
final class ThreadDeaths {
    private final int limit;
    private final long periodNanos;
    private final LongSupplier nanoTime;
    private final Deque<Long> deaths = new ArrayDeque<>();

    ThreadDeaths(int limit, Duration period, LongSupplier nanoTime) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        this.limit = limit;
        this.periodNanos = period.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Records a death now; true if the thread should be replaced. */
    synchronized boolean replaceAfterDeath() {
        long now = nanoTime.getAsLong();
        while (!deaths.isEmpty() && now - deaths.peekFirst() > periodNanos) {
            deaths.removeFirst();
        }
        deaths.addLast(now);
        return deaths.size() < limit;
    }

    int limit() {
        return limit;
    }

    Duration period() {
        return Duration.ofNanos(periodNanos);
    }
}
