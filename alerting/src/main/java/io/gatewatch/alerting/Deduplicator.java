package io.gatewatch.alerting;

import io.gatewatch.alerting.config.DedupSettings;
import io.gatewatch.schema.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One notification plus updates per (client key or route, detector). While alerts for the same subject
 * keep arriving within the cooldown of each other (by event time), each is sent as the next revision of
 * the first one's {@code alert_id}; a repeat of a revision already seen (a redelivery) is dropped.
 * Not thread-safe: used by the dispatcher's single thread.
 */
public final class Deduplicator {
    private final Duration cooldown;
    private final Map<String, Chain> chains;

    public Deduplicator(DedupSettings settings) {
        this.cooldown = settings.cooldown();
        int maxKeys = settings.maxKeys();
        this.chains = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Chain> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** The alert to send (possibly renumbered into an existing chain), or empty for a duplicate. */
    public Optional<Alert> admit(Alert alert, Instant now) {
        if (cooldown.isZero()) {
            return Optional.of(alert);
        }
        Instant t = alert.detectedAt() != null ? alert.detectedAt() : now;
        String key = key(alert);
        Chain chain = chains.get(key);
        if (chain == null || Duration.between(chain.lastSeen, t).compareTo(cooldown) > 0) {
            chains.put(key, new Chain(alert.alertId(), alert.revision(), t, alert));
            return Optional.of(alert);
        }
        Integer seen = chain.upstream.get(alert.alertId());
        if (seen != null && alert.revision() <= seen) {
            return Optional.empty();
        }
        chain.upstream.put(alert.alertId(), alert.revision());
        if (t.isAfter(chain.lastSeen)) {
            chain.lastSeen = t;
        }
        chain.revision++;
        Alert update = new Alert(alert.schema(), chain.alertId, chain.revision, alert.detector(), alert.severity(),
                alert.scope(), alert.client(), alert.route(), alert.method(),
                earliest(chain.firstSeen, alert.firstSeen()), alert.detectedAt(), alert.score(), alert.summary(),
                alert.evidence(), alert.sources(), alert.mode());
        return Optional.of(update);
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
        final String alertId;
        final Instant firstSeen;
        final Map<String, Integer> upstream = new HashMap<>();
        int revision;
        Instant lastSeen;

        Chain(String alertId, int revision, Instant lastSeen, Alert first) {
            this.alertId = alertId;
            this.revision = revision;
            this.lastSeen = lastSeen;
            this.firstSeen = first.firstSeen();
            upstream.put(alertId, revision);
        }
    }
}
