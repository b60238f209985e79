package io.gatewatch.app.detect;

import io.gatewatch.schema.detector.AttackTechnique;
import java.util.Set;
import io.gatewatch.schema.detector.OcsfAnalytic;
import io.gatewatch.schema.detector.DetectorInfo;
import io.gatewatch.app.config.ConfigSection;
import io.gatewatch.app.config.DataHarvestingConfig;
import io.gatewatch.app.config.Durations;
import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.models.codec.CorruptDataException;
import io.gatewatch.models.sequence.StrideWalk;
import io.gatewatch.models.sketch.Hashing;
import io.gatewatch.models.sketch.SlidingDistinct;
import io.gatewatch.models.window.RingCounter;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.ApiEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bulk reading by one client, however slow: distinct object ids on one {@code {id}} route, a walk
 * through consecutive ids (101, 102, 103, ...) or pages ({@code ?page=1..N}, {@code offset=},
 * {@code cursor=}), distinct objects across all its routes, and the response bytes it takes away.
 * Reads only (GET, HEAD) count as objects; every response counts towards the volume.
 *
 * <p>Ids and pages are followed per route template for a few templates only. A new template takes
 * the place of the least suspicious one (fewest ids or pages for its limit, shortest walk), the
 * youngest among equals: a route being harvested keeps its place once it is ahead of the routes
 * around it, and a scraper cycling through more routes than there are places still has all but one
 * of them followed (evicting the oldest would lose every one of them, each just before its turn).
 * A decoy route before every step can keep a fresh walk from being followed; the count of
 * distinct objects across all routes, which the decoys feed, is the backstop.
 */
public final class DataHarvestingDetector extends ConfiguredDetector<DataHarvestingDetector.State, DataHarvestingConfig> {
    // Bulk reads through an application's API: collection from an information repository.
    public static final DetectorDescriptor<DataHarvestingConfig> DESCRIPTOR = DetectorDescriptor.client(
            new DetectorInfo(DataHarvestingConfig.ID, "Data harvesting",
                    new AttackTechnique("TA0009", "Collection", "T1213", "Data from Information Repositories", null, null),
                    OcsfAnalytic.RULE, List.of("web", "intrusion_detection"),
                    List.of("info"), "docs/detectors/" + DataHarvestingConfig.ID + ".md"),
            new ConfigSection<>(DataHarvestingConfig.ID, DataHarvestingConfig.class, DataHarvestingConfig::read, DataHarvestingConfig.KEYS,
                    Set.of("window", "walk_window", "volume_window", "routes_tracked")),
            new StateSection<>(4, 2, c -> List.of(c.window(), c.walkWindow(), c.volumeWindow(), c.routesTracked())),
            DataHarvestingDetector::new);
    static final int VOLUME_BUCKETS = 12;
    /** Coarse on purpose: the count only has to tell many responses from a handful, and costs state per client. */
    static final int RESPONSE_COUNT_BUCKETS = 4;
    private final long windowMs;
    private final long walkWindowMs;
    private final long volumeWindowMs;
    private final long idleSlotMs;
    private final double maxResponseKb;

    public DataHarvestingDetector(DataHarvestingConfig config) {
        super(DESCRIPTOR, config);
        this.windowMs = config.window().toMillis();
        this.walkWindowMs = config.walkWindow().toMillis();
        this.volumeWindowMs = config.volumeWindow().toMillis();
        this.idleSlotMs = Math.max(windowMs * 3 / 2, walkWindowMs);
        this.maxResponseKb = config.maxResponseMb() * 1000;
    }

    /** What a client read of one route template: distinct ids or pages, and the walk through them. */
    static final class Slot {
        final int route;
        final ObjectRef.Kind kind;
        long since;
        long lastSeen;
        final SlidingDistinct distinct;
        final StrideWalk walk = new StrideWalk();

        Slot(int route, ObjectRef.Kind kind, long windowMs) {
            this.route = route;
            this.kind = kind;
            this.distinct = new SlidingDistinct(windowMs);
        }
    }

    /**
     * Up to {@code routes_tracked} slots, the distinct objects across all routes, and the response
     * kilobytes in the volume window. A client that only reads unnumbered routes keeps two bytes plus
     * its volume counter.
     */
    /**
     * A corporate proxy or carrier NAT puts many people behind one address, and together they read many
     * objects: the distinct-id limits scale with the distinct user agents seen (a rough count of people),
     * capped so that a scraper rotating agents gains at most this factor. Walks are not scaled: people do
     * not walk ids in order.
     */
    static final int MAX_PEOPLE = 4;
    /**
     * A carrier-grade NAT puts hundreds of people behind one address and one app user agent: there the
     * people show as successful logins (a POST to a login route answered 2xx or 3xx), each one a person
     * signing in. Counted up to this many, so a scraper that logs in again and again gains at most this factor.
     */
    static final int MAX_LOGIN_PEOPLE = 8;

    public static final class State implements Section {
        final Slot[] slots;
        final SlidingDistinct objects;
        final RingCounter volumeKb;
        /** Responses that carried bytes, in the same window: volume is judged only over many of them. */
        final RingCounter volumeResponses;
        /** Hashes of the distinct user agents seen, at most {@link #MAX_PEOPLE}: people behind one address. */
        final int[] agents = new int[MAX_PEOPLE];
        int agentCount;
        /** Successful logins seen, at most {@link #MAX_LOGIN_PEOPLE}. */
        int logins;
        private final long windowMs;

        State(int routes, long windowMs, long volumeWindowMs) {
            this.slots = new Slot[routes];
            this.windowMs = windowMs;
            this.objects = new SlidingDistinct(windowMs);
            this.volumeKb = new RingCounter(volumeWindowMs, VOLUME_BUCKETS);
            this.volumeResponses = new RingCounter(volumeWindowMs, RESPONSE_COUNT_BUCKETS);
        }

        @Override
        public void writeTo(ByteWriter out) {
            int used = 0;
            long reference = 0;
            for (Slot s : slots) {
                if (s != null) {
                    used++;
                    reference = Math.max(reference, s.lastSeen);
                }
            }
            out.writeVarInt(used);
            if (used > 0) {
                out.writeVarLong(reference);
                for (Slot s : slots) {
                    if (s != null) {
                        out.writeVarInt(s.route);
                        out.writeByte(s.kind.ordinal());
                        out.writeVarLong(reference - s.lastSeen);
                        out.writeVarLong(s.lastSeen - s.since);
                        s.distinct.writeTo(out);
                        s.walk.writeTo(out, reference);
                    }
                }
            }
            objects.writeTo(out);
            volumeKb.writeTo(out);
            volumeResponses.writeTo(out);
            out.writeVarInt(agentCount | logins << 3);
            for (int i = 0; i < agentCount; i++) {
                out.writeVarInt(agents[i]);
            }
        }

        void readFrom(ByteReader in) {
            int used = in.readVarInt();
            if (used > slots.length) {
                throw new CorruptDataException(
                        "data_harvesting section holds " + used + " routes, at most " + slots.length + " configured");
            }
            if (used > 0) {
                long reference = in.readVarLong();
                for (int i = 0; i < used; i++) {
                    int route = in.readVarInt();
                    int kind = in.readByte();
                    if (kind >= ObjectRef.Kind.values().length) {
                        throw new CorruptDataException("unknown object kind " + kind);
                    }
                    Slot s = new Slot(route, ObjectRef.Kind.values()[kind], windowMs);
                    s.lastSeen = reference - in.readVarLong();
                    s.since = s.lastSeen - in.readVarLong();
                    s.distinct.readFrom(in);
                    s.walk.readFrom(in, reference);
                    slots[i] = s;
                }
            }
            objects.readFrom(in);
            volumeKb.readFrom(in);
            volumeResponses.readFrom(in);
            int people = in.readVarInt();
            agentCount = Math.min(people & 7, MAX_PEOPLE);
            logins = Math.min(people >>> 3, MAX_LOGIN_PEOPLE);
            for (int i = 0; i < agentCount; i++) {
                agents[i] = in.readVarInt();
            }
        }
    }

    private enum Signal {
        DISTINCT_IDS, DISTINCT_PAGES, ID_WALK, PAGE_WALK, DISTINCT_OBJECTS, RESPONSE_VOLUME;

        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public State newSection() {
        return new State(config.routesTracked(), windowMs, volumeWindowMs);
    }

    @Override
    public State readSection(ByteReader in) {
        State s = newSection();
        s.readFrom(in);
        return s;
    }

    @Override
    public Finding observe(State s, ApiEvent e, EventFacts f) {
        long ts = f.ts();
        noteAgent(s, e.userAgent());
        noteLogin(s, e, f);
        if (e.bytesOut() != null && e.bytesOut() > 0) {
            s.volumeKb.add(ts, (int) Math.min(Integer.MAX_VALUE, Math.ceilDiv(e.bytesOut(), 1000L)));
            s.volumeResponses.add(ts, 1);
        }
        Slot slot = null;
        ObjectRef ref = isRead(e.method()) && f.route() != null
                ? ObjectRef.of(f.route(), e.path(), e.query(), config.paginationParams())
                : null;
        if (ref != null) {
            long routeHash = Hashing.hash64(f.route());
            if (ref.kind() == ObjectRef.Kind.ID) {
                s.objects.add(ts, Hashing.mix(ref.hash() ^ routeHash));
            }
            slot = slotFor(s, (int) (routeHash >>> 32), ref.kind(), ts);
            slot.lastSeen = Math.max(slot.lastSeen, ts);
            slot.distinct.add(ts, ref.hash());
            if (ref.number() >= 0) {
                long maxStride = ref.kind() == ObjectRef.Kind.ID ? config.maxStride() : Long.MAX_VALUE;
                slot.walk.observe(ref.number(), ts, maxStride, walkWindowMs);
            }
        }
        return evaluate(s, slot, ref, e, f);
    }

    private static void noteAgent(State s, String userAgent) {
        if (userAgent == null || s.agentCount == MAX_PEOPLE) {
            return;
        }
        int h = userAgent.hashCode();
        for (int i = 0; i < s.agentCount; i++) {
            if (s.agents[i] == h) {
                return;
            }
        }
        s.agents[s.agentCount++] = h;
    }

    private static int people(State s) {
        return Math.max(1, Math.max(s.agentCount, s.logins));
    }

    private static void noteLogin(State s, ApiEvent e, EventFacts f) {
        if (f.loginRoute() && s.logins < MAX_LOGIN_PEOPLE && "POST".equals(e.method()) && e.status() != null
                && e.status() >= 200 && e.status() < 400) {
            s.logins++;
        }
    }

    private static boolean isRead(String method) {
        return method == null || "GET".equals(method) || "HEAD".equals(method);
    }

    private Slot slotFor(State s, int route, ObjectRef.Kind kind, long ts) {
        int free = -1;
        int weakest = -1;
        double weakestSuspicion = 0;
        for (int i = 0; i < s.slots.length; i++) {
            Slot slot = s.slots[i];
            if (slot == null || ts - slot.lastSeen > idleSlotMs) {
                free = free < 0 ? i : free;
            } else if (slot.route == route && slot.kind == kind) {
                return slot;
            } else if (free < 0) {
                double suspicion = suspicion(slot, ts);
                if (weakest < 0 || suspicion < weakestSuspicion
                        || (suspicion == weakestSuspicion && slot.since > s.slots[weakest].since)) {
                    weakest = i;
                    weakestSuspicion = suspicion;
                }
            }
        }
        Slot fresh = new Slot(route, kind, windowMs);
        fresh.since = ts;
        fresh.lastSeen = ts;
        s.slots[free >= 0 ? free : weakest] = fresh;
        return fresh;
    }

    /** How near the slot is to firing, as a fraction of its nearest limit. */
    private double suspicion(Slot slot, long ts) {
        int limit = slot.kind == ObjectRef.Kind.ID ? config.maxDistinctIds() : config.maxPages();
        double byDistinct = (double) slot.distinct.estimate(ts) / limit;
        boolean walking = ts - slot.walk.runStart() <= walkWindowMs;
        return walking ? Math.max(byDistinct, (double) slot.walk.steps() / config.walkMinSteps()) : byDistinct;
    }

    private Finding evaluate(State s, Slot slot, ObjectRef ref, ApiEvent e, EventFacts f) {
        long ts = f.ts();
        Signal worst = null;
        double worstOver = 1;
        long distinct = 0;
        // An account paging its own list (what the API scopes to its key) is a sync, not a harvest.
        boolean pagesJudged = config.accountPageWalks() || f.key() == null || f.key().startsWith("ip:");
        if (slot != null && (slot.kind == ObjectRef.Kind.ID || pagesJudged)) {
            boolean ids = slot.kind == ObjectRef.Kind.ID;
            distinct = slot.distinct.estimate(ts);
            double over = (double) distinct / (ids ? config.maxDistinctIds() * people(s) : config.maxPages());
            if (over > worstOver) {
                worst = ids ? Signal.DISTINCT_IDS : Signal.DISTINCT_PAGES;
                worstOver = over;
            }
            double walkOver = (double) slot.walk.steps() / config.walkMinSteps();
            if (walkOver >= 1 && (worst == null || walkOver > worstOver)) {
                worst = ids ? Signal.ID_WALK : Signal.PAGE_WALK;
                worstOver = walkOver;
            }
        }
        long objects = 0;
        if (ref != null && ref.kind() == ObjectRef.Kind.ID) {
            objects = s.objects.estimate(ts);
            double over = (double) objects / (config.maxDistinctObjects() * people(s));
            if (over > worstOver) {
                worst = Signal.DISTINCT_OBJECTS;
                worstOver = over;
            }
        }
        long kb = s.volumeKb.sum(ts);
        long responses = s.volumeResponses.sum(ts);
        if (kb / maxResponseKb > worstOver && responses >= config.volumeMinRequests()) {
            worst = Signal.RESPONSE_VOLUME;
            worstOver = kb / maxResponseKb;
        }
        if (worst == null) {
            return null;
        }
        double over = worstOver;
        return switch (worst) {
            case DISTINCT_IDS, DISTINCT_PAGES -> distinctFinding(worst, over, slot, ref, distinct, people(s), e, f);
            case ID_WALK, PAGE_WALK -> walkFinding(worst, over, slot, ref, distinct, e, f);
            case DISTINCT_OBJECTS -> objectsFinding(over, s, ref, objects, f);
            case RESPONSE_VOLUME -> volumeFinding(over, kb, responses, f);
        };
    }

    private Finding distinctFinding(Signal signal, double over, Slot slot, ObjectRef ref, long distinct, int people,
            ApiEvent e, EventFacts f) {
        boolean ids = signal == Signal.DISTINCT_IDS;
        int max = ids ? config.maxDistinctIds() * people : config.maxPages();
        Map<String, Object> evidence = slotEvidence(signal, slot, ref, distinct);
        evidence.put(ids ? "max_distinct_ids" : "max_pages", max);
        if (ids && people > 1) {
            evidence.put("people_seen", people);
        }
        String window = Durations.format(config.window());
        String summary = ids
                ? String.format(Locale.ROOT, "%s read %d distinct ids of %s within %s (tolerated: %d), the latest %s: "
                        + "scraping or enumeration; check it may read them, then throttle or block it.",
                        f.key(), distinct, f.route(), window, max, shown(ref.text()))
                : String.format(Locale.ROOT, "%s read %d distinct pages of %s (by %s) within %s (tolerated: %d): bulk "
                        + "harvesting; check it needs that data, then cap page depth or throttle it.",
                        f.key(), distinct, f.route(), ref.param(), window, max);
        long firstSeen = Math.max(slot.since, f.ts() - windowMs);
        return new Finding(firstSeen, distinct, score(over), severity(over), f.route(), e.method(), summary, evidence,
                List.of());
    }

    private Finding walkFinding(Signal signal, double over, Slot slot, ObjectRef ref, long distinct, ApiEvent e,
            EventFacts f) {
        StrideWalk w = slot.walk;
        String took = span(f.ts() - w.runStart());
        Map<String, Object> evidence = slotEvidence(signal, slot, ref, distinct);
        evidence.put("walk_steps", w.steps());
        evidence.put("walk_min_steps", config.walkMinSteps());
        evidence.put("walk_from", w.start());
        evidence.put("walk_to", w.head());
        evidence.put("stride", w.stride());
        evidence.put("walk_duration", took);
        evidence.put("walk_window", Durations.format(config.walkWindow()));
        String summary = signal == Signal.ID_WALK
                ? String.format(Locale.ROOT, "%s walked %s through ids %d..%d in steps of %d (%d steps in %s; a walk "
                        + "is %d): enumeration; block it and check those objects are readable only by their owners.",
                        f.key(), f.route(), w.start(), w.head(), w.stride(), w.steps(), took, config.walkMinSteps())
                : String.format(Locale.ROOT, "%s paged through %s with %s=%d..%d (%d steps in %s; a walk is %d): bulk "
                        + "harvesting; check it needs that data, then cap page depth or throttle it.",
                        f.key(), f.route(), ref.param(), w.start(), w.head(), w.steps(), took, config.walkMinSteps());
        return new Finding(w.runStart(), w.steps(), score(over), severity(over), f.route(), e.method(), summary,
                evidence, List.of());
    }

    private Finding objectsFinding(double over, State s, ObjectRef ref, long objects, EventFacts f) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("signal", Signal.DISTINCT_OBJECTS.json());
        evidence.put("distinct_objects", objects);
        evidence.put("max_distinct_objects", config.maxDistinctObjects() * people(s));
        if (people(s) > 1) {
            evidence.put("people_seen", people(s));
        }
        evidence.put("window", Durations.format(config.window()));
        evidence.put("last_id", shown(ref.text()));
        evidence.put("last_route", f.route());
        String summary = String.format(Locale.ROOT, "%s read %d distinct objects across its routes within %s "
                + "(tolerated: %d), the latest %s of %s: scraping; check it may read them, then throttle or block it.",
                f.key(), objects, Durations.format(config.window()), config.maxDistinctObjects() * people(s), shown(ref.text()),
                f.route());
        long earliest = f.ts();
        for (Slot slot : s.slots) {
            earliest = slot == null ? earliest : Math.min(earliest, slot.since);
        }
        return new Finding(Math.max(f.ts() - windowMs, earliest), objects, score(over), severity(over), null, null,
                summary, evidence, List.of());
    }

    private Finding volumeFinding(double over, long kb, long responses, EventFacts f) {
        double mb = kb / 1000.0;
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("signal", Signal.RESPONSE_VOLUME.json());
        evidence.put("response_mb", Math.round(mb * 10) / 10.0);
        evidence.put("max_response_mb", config.maxResponseMb());
        evidence.put("volume_window", Durations.format(config.volumeWindow()));
        evidence.put("responses", responses);
        evidence.put("volume_min_requests", config.volumeMinRequests());
        if (f.route() != null) {
            evidence.put("sample_route", f.route());
        }
        String summary = String.format(Locale.ROOT, "%s took %.1f MB in %d responses within %s (tolerated: %s MB): bulk "
                + "export; check what it fetched, then throttle or block it.", f.key(), mb, responses,
                Durations.format(config.volumeWindow()), plain(config.maxResponseMb()));
        return new Finding(f.ts(), Math.max(1, Math.round(mb)), score(over), severity(over), null, null, summary,
                evidence, List.of());
    }

    private Map<String, Object> slotEvidence(Signal signal, Slot slot, ObjectRef ref, long distinct) {
        boolean ids = slot.kind == ObjectRef.Kind.ID;
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("signal", signal.json());
        if (!ids) {
            evidence.put("param", ref.param());
        }
        evidence.put(ids ? "distinct_ids" : "distinct_pages", distinct);
        evidence.put("window", Durations.format(config.window()));
        evidence.put(ids ? "last_id" : "last_value", shown(ref.text()));
        return evidence;
    }

    /** Ids and cursors as sent, cut short: an opaque cursor can be long, and an id is evidence, not a dump. */
    private static String shown(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "...";
    }

    private static double score(double over) {
        return Math.min(1.0, 0.5 + 0.5 * (over - 1) / 3);
    }

    /** A span as people say it: 45s, 3m20s, 2h5m. */
    static String span(long ms) {
        long s = Math.max(0, ms) / 1000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
        }
        return s / 3600 + "h" + (s % 3600 / 60 == 0 ? "" : s % 3600 / 60 + "m");
    }

    private Alert.Severity severity(double over) {
        Alert.Severity base = config.settings().severity();
        return over >= 4 && base != Alert.Severity.CRITICAL ? Alert.Severity.values()[base.ordinal() + 1] : base;
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
