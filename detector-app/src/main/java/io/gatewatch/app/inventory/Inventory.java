package io.gatewatch.app.inventory;

import io.gatewatch.app.config.InventorySettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges the per-task partial route records into the API inventory and flags its routes:
 * <ul>
 * <li>{@code new}: first seen within {@code inventory.new_within} of the newest event, once the
 * inventory has seen {@code inventory.warmup} of traffic;
 * <li>{@code shadow}: called, but no operation of the spec matches the route (or its method);
 * <li>{@code zombie}: a spec operation never called, a deprecated operation still called, or a
 * {@code /vN/} route called while a higher version of the same path exists (in the spec or the traffic).
 * </ul>
 * Times are event times, so a replayed log gives the inventory the live run would have.
 */
public final class Inventory {
    public static final String NEW = "new";
    public static final String SHADOW = "shadow";
    public static final String ZOMBIE = "zombie";

    private final InventorySettings settings;
    private final OpenApiSpec spec;
    private final Map<String, Totals> routes = new TreeMap<>();

    /** @param spec null when none is configured */
    public Inventory(InventorySettings settings, OpenApiSpec spec) {
        this.settings = settings;
        this.spec = spec;
    }

    /** Adds one task's record of a route. */
    public void add(String route, RouteStats partial) {
        routes.computeIfAbsent(route, r -> new Totals()).add(partial);
    }

    /** The newest event time of the inventory: its clock. */
    long now() {
        return routes.values().stream().mapToLong(t -> t.lastSeen).max().orElse(0);
    }

    public List<RouteView> views() {
        long now = now();
        long start = routes.values().stream().mapToLong(t -> t.firstSeen).min().orElse(0);
        boolean warm = now - start >= settings.warmup().toMillis();
        List<List<String>> known = new ArrayList<>(routes.keySet().stream().map(RouteMatch::segments).toList());
        if (spec != null) {
            spec.operations().forEach(o -> known.add(o.segments()));
        }
        List<RouteView> out = new ArrayList<>();
        Set<OpenApiSpec.Operation> called = new LinkedHashSet<>();
        routes.forEach((route, t) -> {
            Set<String> flags = new LinkedHashSet<>();
            List<String> reasons = new ArrayList<>();
            if (warm && t.firstSeen > start + settings.warmup().toMillis()
                    && t.firstSeen >= now - settings.newWithin().toMillis()) {
                flags.add(NEW);
                reasons.add("first seen " + Instant.ofEpochMilli(t.firstSeen) + ", after the warm-up");
            }
            Boolean inSpec = null;
            if (spec != null) {
                List<OpenApiSpec.Operation> ops = spec.matching(route);
                inSpec = !ops.isEmpty();
                if (ops.isEmpty()) {
                    flags.add(SHADOW);
                    reasons.add("not in " + spec.source());
                }
                for (String method : t.methods.keySet()) {
                    var op = ops.stream().filter(o -> o.method().equals(method)).findFirst();
                    if (op.isEmpty() && !ops.isEmpty()) {
                        flags.add(SHADOW);
                        reasons.add(method + " is not in " + spec.source() + " for this path");
                    }
                    op.ifPresent(called::add);
                    if (op.isPresent() && op.get().deprecated()) {
                        flags.add(ZOMBIE);
                        reasons.add(method + " " + op.get().path() + " is deprecated and still called");
                    }
                }
            }
            List<String> segments = RouteMatch.segments(route);
            known.stream().filter(k -> RouteMatch.isNewerVersionOf(k, segments)).findFirst().ifPresent(k -> {
                flags.add(ZOMBIE);
                reasons.add("an older version still called: /" + String.join("/", k) + " exists");
            });
            out.add(t.view(route, now, inSpec, List.copyOf(flags), reasons));
        });
        if (spec != null) {
            Map<String, List<String>> unused = new LinkedHashMap<>();
            for (OpenApiSpec.Operation o : spec.operations()) {
                if (!called.contains(o) && !routes.containsKey(o.path())) {
                    unused.computeIfAbsent(o.path(), p -> new ArrayList<>()).add(o.method());
                }
            }
            unused.forEach((path, methods) -> out.add(new RouteView(path, methods.stream()
                    .collect(TreeMap::new, (m, k) -> m.put(k, 0L), Map::putAll), null, null, 0, 0, 0, 0, 0, 0, 0, 0,
                    true, List.of(ZOMBIE), List.of("in " + spec.source() + " (" + String.join(", ", methods)
                    + ") but never called"))));
        }
        return out;
    }

    /** Merged records of one route across tasks. */
    private static final class Totals {
        long firstSeen = Long.MAX_VALUE;
        long lastSeen;
        long requests;
        long errors4xx;
        long errors5xx;
        long authenticated;
        final Map<String, Long> methods = new TreeMap<>();
        final List<RouteStats> parts = new ArrayList<>();
        final DistinctCounter clients = new DistinctCounter();

        void add(RouteStats s) {
            firstSeen = Math.min(firstSeen, s.firstSeen);
            lastSeen = Math.max(lastSeen, s.lastSeen);
            requests += s.requests;
            errors4xx += s.errors4xx;
            errors5xx += s.errors5xx;
            authenticated += s.authenticated;
            s.methods.forEach((m, n) -> methods.merge(m, n, Long::sum));
            clients.merge(s.clients);
            parts.add(s);
        }

        RouteView view(String route, long now, Boolean inSpec, List<String> flags, List<String> reasons) {
            long lastHour = parts.stream().mapToLong(p -> p.lastHour.sum(now)).sum();
            double minutes = Math.clamp((now - firstSeen) / 60_000.0, 1.0, 60.0);
            return new RouteView(route, java.util.Collections.unmodifiableMap(new TreeMap<>(methods)), Instant.ofEpochMilli(firstSeen), Instant.ofEpochMilli(lastSeen),
                    requests, lastHour, round(lastHour / minutes), share(errors4xx + errors5xx), share(errors4xx),
                    share(errors5xx), share(authenticated), clients.estimate(), inSpec, flags, List.copyOf(reasons));
        }

        private double share(long n) {
            return requests == 0 ? 0 : round((double) n / requests);
        }

        private static double round(double v) {
            return Math.round(v * 1000) / 1000.0;
        }
    }
}
