package io.gatewatch.app.detect;

import io.gatewatch.app.config.Allowlist;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.ApiEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Runs every enabled detector over one event and one profile, and turns their findings into alerts
 * through the cooldown gate. No Kafka here: the topology's processor does the store get and put.
 */
public final class DetectionEngine {
    private final List<DetectorSlot> slots;
    private final List<Detector<?>> detectors;
    private final Alert.Scope scope;
    private final AllowlistMatcher[] allowlists;
    private final Consumer<String> suppressed;

    public DetectionEngine(List<DetectorSlot> slots, Allowlist globalAllowlist, Alert.Scope scope) {
        this(slots, globalAllowlist, scope, detector -> { });
    }

    /** @param suppressed told the detector's id when a finding is folded into an open alert without a message */
    public DetectionEngine(List<DetectorSlot> slots, Allowlist globalAllowlist, Alert.Scope scope,
            Consumer<String> suppressed) {
        this.suppressed = suppressed;
        this.slots = List.copyOf(slots);
        this.detectors = slots.stream().<Detector<?>>map(DetectorSlot::base).toList();
        this.scope = scope;
        this.allowlists = new AllowlistMatcher[slots.size()];
        for (int i = 0; i < slots.size(); i++) {
            allowlists[i] = new AllowlistMatcher(globalAllowlist.plus(detectors.get(i).settings().allowlist()));
        }
    }

    /**
     * Whether any allowlist has CIDRs, so that the caller parses the client address only then: most
     * configs have none, and parsing it is the only thing an event would need it for.
     */
    public boolean needsClientAddress() {
        for (AllowlistMatcher a : allowlists) {
            if (a.hasCidrs()) {
                return true;
            }
        }
        return false;
    }

    public List<Detector<?>> detectors() {
        return detectors;
    }

    /**
     * Folds the event into the profile and hands each resulting alert to out.
     *
     * @param clientAddress the event's client IP as bytes (for CIDR allowlists), or null
     */
    public void process(ClientProfile p, ApiEvent e, EventFacts f, byte[] clientAddress, Consumer<Alert> out) {
        if (p.firstSeen == 0) {
            p.firstSeen = f.ts();
        }
        p.lastSeen = Math.max(p.lastSeen, f.ts());
        if (e.clientIp() != null) {
            p.ip = e.clientIp();
        }
        if (e.apiKeyHash() != null) {
            p.apiKeyHash = e.apiKeyHash();
        }
        if (e.user() != null) {
            p.user = e.user();
        }
        for (int i = 0; i < slots.size(); i++) {
            Detector<?> d = slots.get(i).forRoute(f.route());
            if (d == null || allowlists[i].allows(e, clientAddress)) {
                continue;
            }
            Finding finding = observe(d, p.sections[i], e, f);
            if (finding == null) {
                continue;
            }
            AlertTrack track = p.tracks[i];
            switch (AlertGate.decide(track, finding, f.ts(), d.settings())) {
                case NEW, UPDATE -> out.accept(toAlert(d, track, finding, p, f));
                case QUIET -> suppressed.accept(d.id());
            }
        }
    }

    /** Whether any detector judges on stream time ({@link #advance}); the topology punctuates only then. */
    public boolean wantsStreamTime() {
        return detectors.stream().anyMatch(Detector::wantsStreamTime);
    }

    /**
     * Lets stream time reach a profile that received no event: each detector that wants it may close
     * and judge what is now over. Allowlists were applied when the events were counted.
     *
     * @return whether the profile changed and must be written back
     */
    public boolean advance(ClientProfile p, String key, long streamTime, Consumer<Alert> out) {
        boolean changed = false;
        EventFacts facts = new EventFacts(streamTime, key, null, false);
        for (int i = 0; i < slots.size(); i++) {
            Detector<?> d = detectors.get(i);
            if (!d.wantsStreamTime() || p.sections[i] == null) {
                continue;
            }
            changed = true;
            Finding finding = onStreamTime(d, p.sections[i], streamTime, key);
            if (finding == null) {
                continue;
            }
            AlertTrack track = p.tracks[i];
            switch (AlertGate.decide(track, finding, streamTime, d.settings())) {
                case NEW, UPDATE -> out.accept(toAlert(d, track, finding, p, facts));
                case QUIET -> suppressed.accept(d.id());
            }
        }
        return changed;
    }

    @SuppressWarnings("unchecked")
    private static <S extends Section> Finding onStreamTime(Detector<S> d, Section s, long streamTime, String key) {
        return d.onStreamTime((S) s, streamTime, key);
    }

    @SuppressWarnings("unchecked")
    private static <S extends Section> Finding observe(Detector<S> d, Section s, ApiEvent e, EventFacts f) {
        return d.observe((S) s, e, f);
    }

    private Alert toAlert(Detector<?> d, AlertTrack track, Finding f, ClientProfile p, EventFacts facts) {
        String id = alertId(facts.key(), d.id(), track.firstSeen);
        Alert.Client client = scope == Alert.Scope.CLIENT
                ? new Alert.Client(facts.key(), p.ip, p.apiKeyHash, p.user)
                : null;
        return new Alert(Alert.SCHEMA, id, track.revision, d.id(), f.severity(), scope, client,
                f.route(), f.method(), Instant.ofEpochMilli(Math.min(f.firstSeen(), facts.ts())),
                Instant.ofEpochMilli(facts.ts()), f.score(), f.summary(), f.evidence(), f.sources(),
                d.settings().mode());
    }

    /** Deterministic, so a replay of the same log gives the same ids and a re-delivered alert dedups. */
    static String alertId(String key, String detector, long openedAt) {
        return UUID.nameUUIDFromBytes((key + '|' + detector + '|' + openedAt).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
