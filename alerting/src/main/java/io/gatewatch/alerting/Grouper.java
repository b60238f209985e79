package io.gatewatch.alerting;

import io.gatewatch.alerting.config.GroupingSettings;
import io.gatewatch.schema.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Holds alerts for a grouped sink for {@code group_wait} per (sink, detector, mode, method and route).
 * When the wait ends with at least {@code group_threshold} alerts held, one grouped alert goes out listing
 * the count and the top client keys; with fewer, each goes out as it was. A group that went out grouped
 * stays grouped for {@code repeatFor}: a botnet that keeps going becomes updates of one grouped alert.
 * Times are wall-clock (this delays delivery; it does not judge the attack). Not thread-safe.
 */
public final class Grouper {
    static final int TOP_KEYS = 5;
    static final int MAX_LISTED_IDS = 20;

    private final GroupingSettings settings;
    private final Duration repeatFor;
    private final Map<String, Group> groups = new LinkedHashMap<>();

    public Grouper(GroupingSettings settings, Duration repeatFor) {
        this.settings = settings;
        this.repeatFor = repeatFor;
    }

    public void hold(String sink, Alert alert, long sequence, Instant now) {
        String key = sink + "|" + alert.detector() + "|" + alert.mode() + "|" + alert.method() + "|" + alert.route();
        Group g = groups.computeIfAbsent(key, k -> new Group(sink));
        if (g.held.isEmpty()) {
            g.deadline = now.plus(settings.groupWait());
        }
        g.held.add(new Held(alert, sequence));
    }

    public Optional<Instant> nextDeadline() {
        return groups.values().stream().filter(g -> !g.held.isEmpty()).map(g -> g.deadline).min(Comparator.naturalOrder());
    }

    /** Deliveries of every group whose wait has ended. */
    public List<Delivery> due(Instant now) {
        List<Delivery> out = new ArrayList<>();
        for (Iterator<Group> it = groups.values().iterator(); it.hasNext(); ) {
            Group g = it.next();
            if (g.held.isEmpty()) {
                if (g.groupedUntil == null || !now.isBefore(g.groupedUntil)) {
                    it.remove();
                }
                continue;
            }
            if (now.isBefore(g.deadline)) {
                continue;
            }
            out.addAll(flush(g, now));
        }
        return out;
    }

    /** Everything held, now, for shutdown. */
    public List<Delivery> drain(Instant now) {
        List<Delivery> out = new ArrayList<>();
        for (Group g : groups.values()) {
            if (!g.held.isEmpty()) {
                out.addAll(flush(g, now));
            }
        }
        groups.clear();
        return out;
    }

    private List<Delivery> flush(Group g, Instant now) {
        List<Held> held = List.copyOf(g.held);
        g.held.clear();
        boolean stillGrouped = g.groupedUntil != null && now.isBefore(g.groupedUntil);
        if (held.size() < settings.groupThreshold() && !stillGrouped) {
            return held.stream().map(h -> new Delivery(g.sink, h.alert, List.of(h.sequence))).toList();
        }
        if (g.groupId == null || !stillGrouped) {
            g.groupId = "grp-" + held.getFirst().alert.alertId();
            g.revision = 0;
        } else {
            g.revision++;
        }
        g.groupedUntil = now.plus(repeatFor);
        Alert grouped = combine(g.groupId, g.revision, held.stream().map(h -> h.alert).toList());
        return List.of(new Delivery(g.sink, grouped, held.stream().map(h -> h.sequence).toList()));
    }

    static Alert combine(String groupId, int revision, List<Alert> alerts) {
        Alert first = alerts.getFirst();
        Map<String, Long> perKey = alerts.stream().collect(Collectors.groupingBy(Grouper::keyOf, LinkedHashMap::new, Collectors.counting()));
        List<Map.Entry<String, Long>> top = perKey.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_KEYS).toList();
        Map<String, Long> sourceCounts = new HashMap<>();
        for (Alert a : alerts) {
            if (a.client() != null && a.client().ip() != null) {
                sourceCounts.merge(a.client().ip(), 1L, Long::sum);
            }
            a.sources().forEach(s -> sourceCounts.merge(s, 1L, Long::sum));
        }
        List<String> sources = sourceCounts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(10).map(Map.Entry::getKey).toList();
        Alert.Severity severity = alerts.stream().map(Alert::severity).filter(s -> s != null)
                .max(Comparator.naturalOrder()).orElse(first.severity());
        Instant firstSeen = alerts.stream().map(Alert::firstSeen).filter(t -> t != null).min(Comparator.naturalOrder()).orElse(null);
        Instant detectedAt = alerts.stream().map(Alert::detectedAt).filter(t -> t != null).max(Comparator.naturalOrder()).orElse(null);
        double score = alerts.stream().mapToDouble(Alert::score).max().orElse(0);
        String topText = top.stream().map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "));
        String where = first.route() == null ? "" : " on " + (first.method() == null ? "" : first.method() + " ") + first.route();
        String summary = alerts.size() + " " + first.detector() + " alerts from " + perKey.size() + " clients" + where
                + "; top: " + topText;
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("grouped_alerts", alerts.size());
        evidence.put("distinct_clients", perKey.size());
        evidence.put("top_keys", top.stream().map(e -> Map.of("key", e.getKey(), "alerts", e.getValue())).toList());
        evidence.put("alert_ids", alerts.stream().map(Alert::alertId).filter(id -> id != null).collect(Collectors.toCollection(TreeSet::new))
                .stream().limit(MAX_LISTED_IDS).toList());
        Alert.Scope scope = first.route() == null ? Alert.Scope.GLOBAL : Alert.Scope.ROUTE;
        return new Alert(Alert.SCHEMA, groupId, revision, first.detector(), severity, scope, null, first.route(),
                first.method(), firstSeen, detectedAt, score, summary, evidence, sources, first.mode());
    }

    private static String keyOf(Alert a) {
        if (a.client() != null && a.client().key() != null) {
            return a.client().key();
        }
        return a.scope() == null ? "unknown" : a.scope().json();
    }

    private record Held(Alert alert, long sequence) {
    }

    private static final class Group {
        final String sink;
        final List<Held> held = new ArrayList<>();
        Instant deadline;
        Instant groupedUntil;
        String groupId;
        int revision;

        Group(String sink) {
            this.sink = sink;
        }
    }
}
