package io.gatewatch.app.detect;

import io.gatewatch.app.config.ConfigSection;
import io.gatewatch.app.config.Durations;
import io.gatewatch.app.config.ParameterEnumerationConfig;
import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.models.sketch.Hashing;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.detector.AttackTechnique;
import io.gatewatch.schema.detector.DetectorInfo;
import io.gatewatch.schema.detector.OcsfAnalytic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A client walking the values of one query parameter on one route, judged against its peers. Per client,
 * one (route, parameter) is followed: the one carrying most of its parameterised requests (a one-slot
 * Misra-Gries count: a rival parameter wears the slot down and takes it when it reaches zero). Its
 * distinct values are counted per window in 64 bits (linear counting: about 10 % off at 20 to 40 values, the
 * range a limit sits in), beside how many of the client's requests carried it. The first closed window in
 * which the client used a parameter gives its populations one sample, the distinct values it sent; every
 * window is judged against the peers' quantile of that, with a floor, once the parameter carries at least
 * {@code min_share} of the client's requests: a crawler or a crowd behind one address spreads over many routes, an enumerator
 * does not.
 *
 * <p>Values that are timestamps (epoch seconds or milliseconds within a day of the event, or ISO dates)
 * are cursors ({@code ?since=}), not guesses, and are not counted.
 */
public final class ParameterEnumerationDetector
        extends ConfiguredDetector<ParameterEnumerationDetector.State, ParameterEnumerationConfig> {
    /**
     * Distinct values of a client's busiest (route, parameter) in the first window it used one: one sample
     * per client, so one long-lived client (a crowd behind a NAT) cannot make up a population by itself.
     */
    static final PeerMetric DISTINCT_VALUES = new PeerMetric(ParameterEnumerationConfig.ID, "distinct_values");
    // Guessing values until some answer: brute force (coupon codes, e-mail addresses) or harvesting through search.
    public static final DetectorDescriptor<ParameterEnumerationConfig> DESCRIPTOR = DetectorDescriptor.population(
            new DetectorInfo(ParameterEnumerationConfig.ID, "Parameter enumeration",
                    new AttackTechnique("TA0006", "Credential Access", "T1110", "Brute Force", null, null),
                    OcsfAnalytic.STATISTICAL, List.of("web", "intrusion_detection"), List.of("info"),
                    "docs/detectors/" + ParameterEnumerationConfig.ID + ".md"),
            new ConfigSection<>(ParameterEnumerationConfig.ID, ParameterEnumerationConfig.class,
                    ParameterEnumerationConfig::read, ParameterEnumerationConfig.KEYS, Set.of("window")),
            new StateSection<>(8, 1, c -> List.of(c.window())),
            ParameterEnumerationDetector::new, List.of(DISTINCT_VALUES));
    static final int MAX_WEIGHT = 255;
    private static final long DAY_MS = 86_400_000L;
    /** Windows start on a whole minute, so the start costs four bytes, not five. */
    private static final long MINUTE = 60_000L;
    private final long windowMs;

    public ParameterEnumerationDetector(ParameterEnumerationConfig config) {
        super(DESCRIPTOR, config);
        this.windowMs = config.window().toMillis();
    }

    /**
     * One byte for a client that has sent nothing yet; else the window's start (whole minutes), its request
     * count, the followed (route, parameter) 16-bit hash, its weight and requests, and the 64-bit value
     * bitmap (sparse while it holds six values or fewer): 10 to 18 bytes.
     */
    public static final class State implements Section {
        long windowStart = -1;
        /** Whether this client's first window with a parameter has been given to its populations. */
        boolean fed;
        int requests;
        int slot;
        int weight;
        int slotRequests;
        long values;

        @Override
        public void writeTo(ByteWriter out) {
            out.writeVarLong(windowStart < 0 ? 0 : (windowStart / MINUTE + 1) << 1 | (fed ? 1 : 0));
            if (windowStart < 0) {
                return;
            }
            out.writeVarInt(requests);
            out.writeVarInt(weight);
            if (weight == 0) {
                return;
            }
            out.writeByte(slot);
            out.writeByte(slot >>> 8);
            out.writeVarInt(slotRequests);
            int set = Long.bitCount(values);
            out.writeByte(set);
            if (set <= 6) {
                for (int bit = 0; bit < 64; bit++) {
                    if ((values & (1L << bit)) != 0) {
                        out.writeByte(bit);
                    }
                }
            } else {
                for (int i = 0; i < 8; i++) {
                    out.writeByte((int) (values >>> (8 * i)));
                }
            }
        }

        void readFrom(ByteReader in) {
            long start = in.readVarLong();
            if (start == 0) {
                return;
            }
            fed = (start & 1) == 1;
            windowStart = ((start >>> 1) - 1) * MINUTE;
            requests = in.readVarInt();
            weight = Math.min(in.readVarInt(), MAX_WEIGHT);
            if (weight == 0) {
                return;
            }
            slot = in.readByte() | in.readByte() << 8;
            slotRequests = in.readVarInt();
            int set = in.readByte();
            if (set <= 6) {
                for (int i = 0; i < set; i++) {
                    values |= 1L << (in.readByte() & 63);
                }
            } else {
                for (int i = 0; i < 8; i++) {
                    values |= (long) in.readByte() << (8 * i);
                }
            }
        }

        /** Linear counting over 64 bits; saturated, it reports what fills them (about 266). */
        long distinct() {
            int zeros = 64 - Long.bitCount(values);
            return zeros == 0 ? Math.round(64 * Math.log(64)) : Math.round(-64 * Math.log(zeros / 64.0));
        }
    }

    @Override
    public State newSection() {
        return new State();
    }

    @Override
    public State readSection(ByteReader in) {
        State s = new State();
        s.readFrom(in);
        return s;
    }

    @Override
    public Finding observe(State s, ApiEvent e, EventFacts f) {
        long ts = f.ts();
        if (s.windowStart < 0 || ts >= s.windowStart + windowMs) {
            closeWindow(s, f.peers());
            s.windowStart = Math.floorDiv(ts, MINUTE) * MINUTE;
        }
        s.requests++;
        String q = e.query();
        if (q == null || q.isEmpty() || f.route() == null) {
            return null;
        }
        long routeHash = Hashing.hash64(f.route());
        boolean onSlot = false;
        int valueFrom = -1;
        int valueTo = -1;
        int nameFrom = -1;
        for (int at = 0; at < q.length(); ) {
            int end = q.indexOf('&', at);
            end = end < 0 ? q.length() : end;
            int eq = q.indexOf('=', at);
            if (eq > at && eq < end - 1 && !ignored(q, at, eq) && !isTime(q, eq + 1, end, ts)) {
                // 16 bits tell a client's few parameters apart; the slot costs two bytes, not four
                int key = (int) (Hashing.mix(routeHash ^ Hashing.hash64(q, at, eq)) & 0xFFFF);
                if (key == s.slot && s.weight > 0) {
                    s.weight = Math.min(MAX_WEIGHT, s.weight + 1);
                } else if (s.weight > 0) {
                    s.weight--;
                } else {
                    s.slot = key;
                    s.weight = 1;
                    s.slotRequests = 0;
                    s.values = 0;
                }
                if (key == s.slot && !onSlot) {
                    onSlot = true;
                    s.values |= 1L << (Hashing.hash64(q, eq + 1, end) & 63);
                    valueFrom = eq + 1;
                    valueTo = end;
                    nameFrom = at;
                }
            }
            at = end + 1;
        }
        if (!onSlot) {
            return null;
        }
        s.slotRequests++;
        return judge(s, e, f, q.substring(nameFrom, valueFrom - 1), q.substring(valueFrom, valueTo));
    }

    /** The client's first closed window with a parameter goes to its populations, once. */
    private void closeWindow(State s, Peers peers) {
        if (!s.fed && s.windowStart >= 0 && s.weight > 0 && s.slotRequests > 0) {
            peers.add(DISTINCT_VALUES, s.distinct());
            s.fed = true;
        }
        s.requests = 0;
        s.slotRequests = 0;
        s.values = 0;
    }

    private Finding judge(State s, ApiEvent e, EventFacts f, String param, String value) {
        long distinct = s.distinct();
        double share = (double) s.slotRequests / s.requests;
        if (distinct <= config.minDistinctValues() || share < config.minShare()) {
            return null;
        }
        PeerQuantile q = f.peers().quantile(DISTINCT_VALUES, config.peerQuantile());
        double limit = q == null ? config.maxDistinctValues()
                : Math.max(config.minDistinctValues(), config.peerFactor() * q.value());
        if (distinct <= limit) {
            return null;
        }
        s.fed = true; // an enumerator is not a peer: it never feeds its populations
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("param", param);
        evidence.put("distinct_values", distinct);
        evidence.put("limit", Math.round(limit * 100) / 100.0);
        evidence.put("window", Durations.format(config.window()));
        evidence.put("requests_with_param", s.slotRequests);
        evidence.put("requests", s.requests);
        evidence.put("share", Math.round(share * 100) / 100.0);
        evidence.put("min_share", config.minShare());
        evidence.put("last_value", value.length() <= 40 ? value : value.substring(0, 37) + "...");
        String peers;
        if (q != null) {
            evidence.put("population", q.population());
            evidence.put("population_samples", q.samples());
            evidence.put("peer_distinct_values", Math.round(q.value() * 100) / 100.0);
            evidence.put("peer_quantile", config.peerQuantile());
            evidence.put("peer_factor", config.peerFactor());
            peers = String.format(Locale.ROOT, "clients of %s send at most %s in their first window (p%s of %d)", q.population(),
                    plain(q.value()), plain(config.peerQuantile() * 100), q.samples());
        } else {
            evidence.put("max_distinct_values", config.maxDistinctValues());
            peers = "no population has enough samples yet; tolerated: " + config.maxDistinctValues();
        }
        String summary = String.format(Locale.ROOT, "%s sent %d distinct values of %s on %s within %s (%d%% of its "
                + "requests; %s): enumeration of that parameter; check what it is guessing (codes, accounts, "
                + "search harvesting), then throttle or block it.", f.key(), distinct, param, f.route(),
                Durations.format(config.window()), Math.round(share * 100), peers);
        double over = distinct / Math.max(1, limit);
        return new Finding(s.windowStart, distinct, Math.min(1.0, 0.5 + 0.5 * (over - 1) / 3), severity(over),
                f.route(), e.method(), summary, evidence, List.of());
    }

    private boolean ignored(String q, int from, int to) {
        for (String name : config.ignoredParams()) {
            if (to - from == name.length() && q.regionMatches(true, from, name, 0, name.length())) {
                return true;
            }
        }
        return false;
    }

    /** An epoch time within a day of the event (seconds or milliseconds), or an ISO date: a cursor. */
    static boolean isTime(String q, int from, int to, long ts) {
        int n = to - from;
        if (n >= 10 && q.charAt(from + 4) == '-' && q.charAt(from + 7) == '-'
                && Character.isDigit(q.charAt(from)) && Character.isDigit(q.charAt(from + 5))) {
            return true;
        }
        if (n != 10 && n != 13) {
            return false;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = q.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            v = v * 10 + (c - '0');
        }
        long ms = n == 10 ? v * 1000 : v;
        return Math.abs(ms - ts) <= DAY_MS;
    }

    private Alert.Severity severity(double over) {
        Alert.Severity base = config.settings().severity();
        return over >= 4 && base != Alert.Severity.CRITICAL ? Alert.Severity.values()[base.ordinal() + 1] : base;
    }

    private static String plain(double v) {
        double r = Math.round(v * 100) / 100.0;
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }
}
