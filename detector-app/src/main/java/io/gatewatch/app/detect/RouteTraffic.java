package io.gatewatch.app.detect;

import io.gatewatch.models.baseline.Ewma;
import io.gatewatch.models.baseline.SeasonalBaseline;
import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.models.sketch.HeavyHitters;
import io.gatewatch.models.sketch.SlidingDistinct;
import io.gatewatch.models.sketch.SourceSample;
import io.gatewatch.models.window.RingCounter;

/**
 * One route and method's traffic, the route scope's general state: sliding-window counts (requests,
 * requests from new clients, 4xx, 5xx, latency), distinct sources and new sources (linear counting), the
 * heaviest sources (frequent items), and the learned normal (requests per minute by hour of week, distinct
 * sources per window). Any route detector may keep one; its size is per route, never per client.
 */
final class RouteTraffic {
    static final int BUCKETS = 12;
    /** How many of a route's usual heaviest sources are remembered (a NAT, a partner, a crawler). */
    static final int USUAL_HEAVY = 8;
    /** Sources kept with exact counts in the uniform sample. */
    static final int SAMPLE = 48;
    final RingCounter requests;
    final RingCounter newRequests;
    final RingCounter clientErrors;
    final RingCounter serverErrors;
    final RingCounter latencyMs;
    final SlidingDistinct sources;
    final SlidingDistinct newSources;
    final HeavyHitters heavy;
    final SourceSample sample;
    final SeasonalBaseline perMinute;
    final Ewma sourcesPerWindow;
    /** The epoch minute being counted, and its requests so far; 0 before the first tally. */
    long minute;
    int minuteRequests;
    /** Minutes not learned because an alert was open or the minute was far above normal. */
    int frozenMinutes;
    /** Event time (ms) the current excess began; 0 when the route is at its normal. */
    long runStart;
    /**
     * The heaviest sources at the last minute learnt as normal: a flood's alert names the sources that carry
     * the excess, not the carrier NAT that always is among the route's top talkers.
     */
    final java.util.List<String> usualHeavy = new java.util.ArrayList<>(USUAL_HEAVY);

    RouteTraffic(long windowMs, int heavyHitters, double minuteAlpha) {
        requests = new RingCounter(windowMs, BUCKETS);
        newRequests = new RingCounter(windowMs, BUCKETS);
        clientErrors = new RingCounter(windowMs, BUCKETS);
        serverErrors = new RingCounter(windowMs, BUCKETS);
        latencyMs = new RingCounter(windowMs, BUCKETS);
        sources = new SlidingDistinct(windowMs);
        newSources = new SlidingDistinct(windowMs);
        heavy = new HeavyHitters(heavyHitters, windowMs);
        sample = new SourceSample(SAMPLE, windowMs);
        perMinute = new SeasonalBaseline(minuteAlpha);
        sourcesPerWindow = new Ewma(minuteAlpha);
    }

    /** Counts one tally into the windows (not the baselines: those learn whole minutes). */
    void count(RouteTally t) {
        long ts = t.second() * 1000;
        requests.add(ts, t.requests());
        newRequests.add(ts, t.newClientRequests());
        clientErrors.add(ts, t.clientErrors());
        serverErrors.add(ts, t.serverErrors());
        latencyMs.add(ts, (int) Math.min(Integer.MAX_VALUE, t.latencySumMs()));
        sources.addAll(ts, t.clients());
        newSources.addAll(ts, t.newClients());
        t.requestsByIp().forEach((ip, n) -> {
            heavy.add(ts, ip, n);
            sample.add(ts, ip, n);
        });
    }

    void writeTo(ByteWriter out) {
        requests.writeTo(out);
        newRequests.writeTo(out);
        clientErrors.writeTo(out);
        serverErrors.writeTo(out);
        latencyMs.writeTo(out);
        sources.writeTo(out);
        newSources.writeTo(out);
        heavy.writeTo(out);
        sample.writeTo(out);
        perMinute.writeTo(out);
        sourcesPerWindow.writeTo(out);
        out.writeVarLong(minute);
        out.writeVarInt(minuteRequests);
        out.writeVarInt(frozenMinutes);
        out.writeVarLong(runStart);
        out.writeVarInt(usualHeavy.size());
        usualHeavy.forEach(out::writeString);
    }

    /** Remembers the current heaviest sources as the route's usual ones (at a minute learnt as normal). */
    void rememberUsualHeavy(long now) {
        usualHeavy.clear();
        for (Source s : heaviest(now, USUAL_HEAVY)) {
            usualHeavy.add(s.ip());
        }
    }

    /** A source and the count it is known to have sent in the window. */
    record Source(String ip, long count) {
    }

    /**
     * The k sources known to have sent the most in the window: the frequent-items sketch's certain counts
     * (it finds a few heavy sources among many) joined with the sample's exact ones (which holds up when
     * hundreds of sources weigh the same and the sketch can no longer rank them).
     */
    java.util.List<Source> heaviest(long now, int k) {
        java.util.Map<String, Long> known = new java.util.HashMap<>();
        for (HeavyHitters.Item i : heavy.top(now, k)) {
            known.merge(i.item(), i.lowerBound(), Math::max);
        }
        for (SourceSample.Item i : sample.top(now, k)) {
            known.merge(i.item(), i.count(), Math::max);
        }
        return known.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> new Source(e.getKey(), e.getValue()))
                .sorted(java.util.Comparator.comparingLong(Source::count).reversed().thenComparing(Source::ip))
                .limit(k).toList();
    }

    RouteTraffic readFrom(ByteReader in) {
        requests.readFrom(in);
        newRequests.readFrom(in);
        clientErrors.readFrom(in);
        serverErrors.readFrom(in);
        latencyMs.readFrom(in);
        sources.readFrom(in);
        newSources.readFrom(in);
        heavy.readFrom(in);
        sample.readFrom(in);
        perMinute.readFrom(in);
        sourcesPerWindow.readFrom(in);
        minute = in.readVarLong();
        minuteRequests = in.readVarInt();
        frozenMinutes = in.readVarInt();
        runStart = in.readVarLong();
        int n = in.readVarInt();
        if (n < 0 || n > USUAL_HEAVY) {
            throw new io.gatewatch.models.codec.CorruptDataException("route traffic with " + n + " usual heavy sources");
        }
        for (int i = 0; i < n; i++) {
            usualHeavy.add(in.readString());
        }
        return this;
    }
}
