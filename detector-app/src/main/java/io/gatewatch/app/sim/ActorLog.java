package io.gatewatch.app.sim;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One actor's requests, written to the shared timeline. What was kept (inside the window) makes the
 * actor's label: addresses, first and last time, count. Labels come from what was written, not from
 * what was planned, so they stay true when the window cuts an actor short. Times are kept at the log's
 * one-second resolution: an alert timed from a log line can then never precede the attack's start.
 */
final class ActorLog {
    private final Timeline timeline;
    private final Set<String> ips = new LinkedHashSet<>();
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;
    private long requests;

    ActorLog(Timeline timeline) {
        this.timeline = timeline;
    }

    void send(long at, Client c, String method, String target, int status, long bytes) {
        send(at, c, method, target, status, bytes, null);
    }

    void send(long at, Client c, String method, String target, int status, long bytes, String referer) {
        String line = CombinedLogLine.of(c.ip(), c.user(), Instant.ofEpochMilli(at), method, target, status, bytes,
                referer, c.userAgent());
        if (timeline.add(at, line)) {
            ips.add(c.ip());
            long second = Math.floorDiv(at, 1000) * 1000;
            first = Math.min(first, second);
            last = Math.max(last, second);
            requests++;
        }
    }

    long requests() {
        return requests;
    }

    Label label(ActorInfo info) {
        return new Label(info.id(), info.kind(), info.type(), info.expectedDetector(), info.scope(), List.copyOf(ips),
                Instant.ofEpochMilli(first), Instant.ofEpochMilli(last), requests, info.description());
    }
}
