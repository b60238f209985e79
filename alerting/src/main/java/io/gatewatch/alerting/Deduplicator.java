package io.gatewatch.alerting;

import io.gatewatch.alerting.config.DedupSettings;
import io.gatewatch.alerting.state.ChainState;
import io.gatewatch.schema.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One notification plus updates per (client key or route, detector). While alerts for the same subject
 * keep arriving within the cooldown of each other (by event time), each is sent as the next revision of
 * the first one's {@code alert_id}; a repeat of a revision already seen (a redelivery) is dropped.
 *
 * <p>Chains are saved after each change and can be restored: an input alert the restored chain had
 * already numbered (consumed again because its offset was not committed before the restart) is given
 * the same {@code alert_id} and revision as before, once, so the delivery ledger recognises it.
 * Not thread-safe: used by the dispatcher's single thread.
 */
public final class Deduplicator {
    /** Input alerts remembered per chain for renumbering after a restart; far more than one commit's lag. */
    static final int SEEN_PER_CHAIN = 64;

    private final Duration cooldown;
    private final Map<String, Chain> chains;
    private final Consumer<ChainState> saver;

    public Deduplicator(DedupSettings settings) {
        this(settings, List.of(), c -> { });
    }

    /**
     * @param restored chains saved by an earlier run
     * @param saver    told of every changed chain, to save it durably
     */
    public Deduplicator(DedupSettings settings, Collection<ChainState> restored, Consumer<ChainState> saver) {
        this.cooldown = settings.cooldown();
        this.saver = saver;
        int maxKeys = settings.maxKeys();
        this.chains = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Chain> eldest) {
                return size() > maxKeys;
            }
        };
        restored.stream().sorted(Comparator.comparing(ChainState::lastSeen, Comparator.nullsFirst(Comparator.naturalOrder())))
                .forEach(c -> chains.put(c.key(), Chain.restore(c)));
    }

    /** The alert to send (possibly renumbered into an existing chain), or empty for a duplicate. */
    public Optional<Alert> admit(Alert alert, Instant now) {
        if (cooldown.isZero()) {
            return Optional.of(alert);
        }
        Instant t = alert.detectedAt() != null ? alert.detectedAt() : now;
        String key = key(alert);
        Chain chain = chains.get(key);
        String input = alert.alertId() + ":" + alert.revision();
        if (chain != null && chain.replayable.remove(input)) {
            return Optional.of(chain.renumber(alert, chain.sentAs.get(input)));
        }
        if (chain == null || Duration.between(chain.lastSeen, t).compareTo(cooldown) > 0) {
            Chain fresh = new Chain(key, alert.alertId(), alert.revision(), t, alert.firstSeen());
            fresh.saw(input, alert.alertId(), alert.revision(), alert.revision());
            chains.put(key, fresh);
            saver.accept(fresh.state());
            return Optional.of(alert);
        }
        Integer seen = chain.upstream.get(alert.alertId());
        if (seen != null && alert.revision() <= seen) {
            return Optional.empty();
        }
        if (t.isAfter(chain.lastSeen)) {
            chain.lastSeen = t;
        }
        chain.revision++;
        chain.saw(input, alert.alertId(), alert.revision(), chain.revision);
        saver.accept(chain.state());
        return Optional.of(chain.renumber(alert, chain.revision));
    }

    /** The dedup subject: the client key for client scope, method and route for route scope. */
    static String key(Alert a) {
        String subject = switch (a.scope() == null ? Alert.Scope.GLOBAL : a.scope()) {
            case CLIENT -> "client:" + (a.client() == null ? null : a.client().key());
            case ROUTE -> "route:" + a.method() + " " + a.route();
            case GLOBAL -> "global";
        };
        return a.detector() + "|" + subject + "|" + a.mode();
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static final class Chain {
        final String key;
        final String alertId;
        final Instant firstSeen;
        /** Highest revision seen per input {@code alert_id}. */
        final Map<String, Integer> upstream = new HashMap<>();
        /** {@code alert_id:revision} of recent inputs to the revision each was sent as, oldest first. */
        final LinkedHashMap<String, Integer> sentAs = new LinkedHashMap<>();
        final Map<String, ChainState.Seen> seen = new LinkedHashMap<>();
        /** Inputs numbered by an earlier run, which may come again once. */
        final Set<String> replayable = new HashSet<>();
        int revision;
        Instant lastSeen;

        Chain(String key, String alertId, int revision, Instant lastSeen, Instant firstSeen) {
            this.key = key;
            this.alertId = alertId;
            this.revision = revision;
            this.lastSeen = lastSeen;
            this.firstSeen = firstSeen;
        }

        static Chain restore(ChainState s) {
            Chain c = new Chain(s.key(), s.alertId(), s.revision(), s.lastSeen(), s.firstSeen());
            for (ChainState.Seen seen : s.seen()) {
                String input = seen.alertId() + ":" + seen.revision();
                c.saw(input, seen.alertId(), seen.revision(), seen.sentAs());
                c.replayable.add(input);
            }
            return c;
        }

        void saw(String input, String upstreamId, int upstreamRevision, int sentAsRevision) {
            upstream.merge(upstreamId, upstreamRevision, Math::max);
            sentAs.put(input, sentAsRevision);
            seen.put(input, new ChainState.Seen(upstreamId, upstreamRevision, sentAsRevision));
            if (sentAs.size() > SEEN_PER_CHAIN) {
                String eldest = sentAs.keySet().iterator().next();
                sentAs.remove(eldest);
                seen.remove(eldest);
            }
        }

        Alert renumber(Alert alert, int as) {
            return new Alert(alert.schema(), alertId, as, alert.detector(), alert.severity(),
                    alert.scope(), alert.client(), alert.route(), alert.method(),
                    earliest(firstSeen, alert.firstSeen()), alert.detectedAt(), alert.score(), alert.summary(),
                    alert.evidence(), alert.sources(), alert.mode());
        }

        ChainState state() {
            return new ChainState(key, alertId, revision, firstSeen, lastSeen, new ArrayList<>(seen.values()));
        }
    }
}
