package io.gatewatch.models.behaviour;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.models.sketch.Hashing;

/**
 * One client's behaviour at every {@link Scale}, updated per request with counter bumps and a few bit
 * sets. Each minute of traffic yields one {@link Snapshot}: when a request lands in a later minute, or,
 * for a client that went silent, when {@link #closeIfDue} is called with a later stream time (the
 * topology's punctuator), so a burst followed by silence is judged within a minute of its end.
 * Requests earlier than the current minute (late, within the topology's grace) are counted in it.
 */
public final class MultiScaleFeatures {
    private static final long NONE = Long.MIN_VALUE;
    private final ScaleWindow[] windows = new ScaleWindow[Scale.values().length];
    private long lastTs = NONE;
    private long lastNumber = NONE;
    /** The current minute holds requests no snapshot has judged yet. */
    private boolean pending;

    public MultiScaleFeatures() {
        for (Scale s : Scale.values()) {
            windows[s.ordinal()] = new ScaleWindow(s.millis());
        }
    }

    /**
     * Counts one request.
     *
     * @return the snapshot of the minute this request closed, or null
     */
    public Snapshot add(long ts, String route, String path, String query, String method, Integer status,
            Long bytes, String userAgent, boolean loginRoute) {
        Snapshot closed = null;
        ScaleWindow minute = windows[Scale.MINUTE.ordinal()];
        if (pending && Math.floorDiv(ts, Scale.MINUTE.millis()) > minute.index) {
            closed = snapshot();
        }
        long at = Math.max(ts, lastTs == NONE ? ts : lastTs);
        long gap = lastTs == NONE ? -1 : Math.max(0, ts - lastTs);
        long number = lastNumber(path, query);
        boolean sequential = number != NONE && lastNumber != NONE && Math.abs(number - lastNumber) == 1;
        boolean failure = status != null && status >= 400 && status < 500;
        long routeHash = route == null ? 0 : Hashing.hash64(route);
        long pathHash = path == null ? 0 : Hashing.hash64(path);
        long valueHash = query == null || query.isEmpty() ? 0 : Hashing.hash64(query);
        long agentHash = userAgent == null ? 0 : Hashing.hash64(userAgent);
        for (ScaleWindow w : windows) {
            long before = w.index;
            w.roll(at);
            w.requests++;
            if (gap >= 0 && before == w.index && w.requests > 1) {
                w.gaps++;
                w.gapSum += gap;
                w.gapSquares += gap * gap;
            }
            if (failure) {
                w.failures++;
                if (loginRoute) {
                    w.loginFailures++;
                }
                if (status == 404) {
                    w.notFound++;
                }
            } else if (status != null && status >= 500 && status < 600) {
                w.serverErrors++;
            }
            if (method != null && !"GET".equals(method)) {
                w.nonGet++;
            }
            if (bytes != null && bytes > 0) {
                w.bytesOut += bytes;
            }
            if (sequential) {
                w.sequential++;
            }
            if (route != null) {
                w.routes.add(routeHash);
            }
            if (path != null) {
                w.paths.add(pathHash);
            }
            if (valueHash != 0) {
                w.values.add(valueHash);
            }
            if (userAgent != null) {
                w.agents.add(agentHash);
            }
        }
        lastTs = at;
        if (number != NONE) {
            lastNumber = number;
        }
        pending = true;
        return closed;
    }

    /**
     * The snapshot of the current minute when stream time has moved past it and no request closed it.
     *
     * @return null when there is nothing new to judge
     */
    public Snapshot closeIfDue(long streamTime) {
        if (!pending || Math.floorDiv(streamTime, Scale.MINUTE.millis()) <= windows[Scale.MINUTE.ordinal()].index) {
            return null;
        }
        return snapshot();
    }

    /** The current minute's snapshot regardless of time: the end of a training log. */
    public Snapshot finish() {
        return pending ? snapshot() : null;
    }

    private Snapshot snapshot() {
        pending = false;
        double[] v = new double[FeatureSpace.DIMENSION];
        long[] requests = new long[windows.length];
        for (Scale s : Scale.values()) {
            ScaleWindow w = windows[s.ordinal()];
            w.fill(v, s.ordinal() * Feature.COUNT);
            requests[s.ordinal()] = w.requests;
        }
        return new Snapshot(windows[Scale.MINUTE.ordinal()].start(), requests, v);
    }

    public long requests(Scale s) {
        return windows[s.ordinal()].requests;
    }

    /**
     * The number a walk increments: digits ending the path ({@code /users/1042}), else the sum of the
     * digit runs of the query ({@code ?page=7&per_page=50} steps by one as the page does). NONE when there
     * is none. Digits inside the path ({@code /api/v1/products}) are a version, not a counter.
     */
    static long lastNumber(String path, String query) {
        long n = digitsEnding(path);
        return n != NONE ? n : digitRunsSum(query);
    }

    private static long digitsEnding(String s) {
        if (s == null) {
            return NONE;
        }
        int start = s.length();
        while (start > 0 && Character.isDigit(s.charAt(start - 1))) {
            start--;
        }
        if (start == s.length() || s.length() - start > 15) {
            return NONE;
        }
        return Long.parseLong(s, start, s.length(), 10);
    }

    private static long digitRunsSum(String s) {
        if (s == null) {
            return NONE;
        }
        long sum = 0;
        boolean any = false;
        int i = 0;
        while (i < s.length()) {
            if (!Character.isDigit(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i - start <= 15) {
                sum += Long.parseLong(s, start, i, 10);
                any = true;
            }
        }
        return any ? sum : NONE;
    }

    public void writeTo(ByteWriter out) {
        if (lastTs == NONE) {
            out.writeByte(0);
            return;
        }
        out.writeByte(pending ? 3 : 1);
        out.writeVarLong(lastTs);
        out.writeSignedVarLong(lastNumber == NONE ? -1 : lastNumber);
        for (ScaleWindow w : windows) {
            w.writeTo(out);
        }
    }

    public MultiScaleFeatures readFrom(ByteReader in) {
        int flags = in.readByte();
        if (flags == 0) {
            lastTs = NONE;
            lastNumber = NONE;
            pending = false;
            for (ScaleWindow w : windows) {
                w.clear();
            }
            return this;
        }
        pending = (flags & 2) != 0;
        lastTs = in.readVarLong();
        long n = in.readSignedVarLong();
        lastNumber = n < 0 ? NONE : n;
        for (ScaleWindow w : windows) {
            w.readFrom(in);
        }
        return this;
    }
}
