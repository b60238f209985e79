package io.gatewatch.models.behaviour;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.models.sketch.Hashing;
import io.gatewatch.models.sketch.LinearCounter;

/**
 * Counts one client's requests in the current event-time interval and, when an event lands in a later
 * interval, closes it and yields its {@link BehaviourFeatures}. Per event it only bumps counters and
 * sets two bits, so it is cheap enough to run on every request. Distinct routes and paths are
 * estimated with two {@link LinearCounter}s (near exact for a few dozen, saturating near 1,400).
 * Events from an earlier interval (late, within the topology's grace) are counted in the current one.
 * Serialised in about 15 bytes for a quiet client, at most about 90.
 */
public final class IntervalFeatures {
    private final long intervalMs;
    /** Absolute index (epoch ms / intervalMs) of the current interval; Long.MIN_VALUE before any event. */
    private long current = Long.MIN_VALUE;
    private long requests;
    private long errors4xx;
    private long errors5xx;
    private long logins;
    private long withQuery;
    private long nonGet;
    private long bytesOut;
    private final LinearCounter routes = new LinearCounter();
    private final LinearCounter paths = new LinearCounter();

    public IntervalFeatures(long intervalMs) {
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("interval must be positive: " + intervalMs);
        }
        this.intervalMs = intervalMs;
    }

    /**
     * Counts one request at event time ts.
     *
     * @return the features of the interval this event closed, or null when it closed none
     */
    public BehaviourFeatures add(long ts, String route, String path, String method, Integer status, Long bytes,
            boolean hasQuery, boolean loginRoute) {
        long idx = Math.floorDiv(ts, intervalMs);
        BehaviourFeatures closed = null;
        if (current == Long.MIN_VALUE) {
            current = idx;
        } else if (idx > current) {
            closed = finish();
            clear();
            current = idx;
        }
        requests++;
        if (status != null && status >= 400 && status < 500) {
            errors4xx++;
        } else if (status != null && status >= 500 && status < 600) {
            errors5xx++;
        }
        if (loginRoute) {
            logins++;
        }
        if (hasQuery) {
            withQuery++;
        }
        if (method != null && !"GET".equals(method)) {
            nonGet++;
        }
        if (bytes != null && bytes > 0) {
            bytesOut += bytes;
        }
        if (route != null) {
            routes.add(Hashing.hash64(route));
        }
        if (path != null) {
            paths.add(Hashing.hash64(path));
        }
        return closed;
    }

    /** The features of the current interval so far, or null when it holds no request (for the end of a log). */
    public BehaviourFeatures finish() {
        if (requests == 0) {
            return null;
        }
        double n = requests;
        double[] v = {
            Math.log1p(n),
            errors4xx / n,
            errors5xx / n,
            routes.estimate(),
            Math.min(1.0, paths.estimate() / n),
            logins / n,
            Math.log1p(bytesOut / n),
            withQuery / n,
            nonGet / n,
        };
        return new BehaviourFeatures(current * intervalMs, requests, v);
    }

    public long requests() {
        return requests;
    }

    private void clear() {
        requests = 0;
        errors4xx = 0;
        errors5xx = 0;
        logins = 0;
        withQuery = 0;
        nonGet = 0;
        bytesOut = 0;
        routes.clear();
        paths.clear();
    }

    public void writeTo(ByteWriter out) {
        if (current == Long.MIN_VALUE) {
            out.writeByte(0);
            return;
        }
        out.writeByte(1);
        out.writeVarLong(current);
        out.writeVarLong(requests);
        out.writeVarLong(errors4xx);
        out.writeVarLong(errors5xx);
        out.writeVarLong(logins);
        out.writeVarLong(withQuery);
        out.writeVarLong(nonGet);
        out.writeVarLong(bytesOut);
        routes.writeTo(out);
        paths.writeTo(out);
    }

    public IntervalFeatures readFrom(ByteReader in) {
        clear();
        if (in.readByte() == 0) {
            current = Long.MIN_VALUE;
            return this;
        }
        current = in.readVarLong();
        requests = in.readVarLong();
        errors4xx = in.readVarLong();
        errors5xx = in.readVarLong();
        logins = in.readVarLong();
        withQuery = in.readVarLong();
        nonGet = in.readVarLong();
        bytesOut = in.readVarLong();
        routes.readFrom(in);
        paths.readFrom(in);
        return this;
    }
}
