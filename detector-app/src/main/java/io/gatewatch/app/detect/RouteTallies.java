package io.gatewatch.app.detect;

import io.gatewatch.models.sketch.Hashing;
import io.gatewatch.models.sketch.LinearCounter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The open per-route, per-method tallies of one client task. A tally is closed when an event of a later
 * second arrives for it, or when {@link #closeBefore} is called as event time (or the wall clock)
 * moves on.
 */
public final class RouteTallies {
    private static final int MAX_OPEN = 5_000;
    private final Map<Key, Open> open = new HashMap<>();

    private record Key(String route, String method) {
    }

    private static final class Open {
        final Key key;
        long second;
        int requests;
        int clientErrors;
        int serverErrors;
        int attempts;
        int failures;
        long latencySum;
        int latencyMax;
        long bytesOut;
        int newClientRequests;
        final Map<String, Integer> failuresByIp = new LinkedHashMap<>();
        final Set<String> succeeded = new LinkedHashSet<>();
        final Map<String, Integer> requestsByIp = new LinkedHashMap<>();
        final LinearCounter clients = new LinearCounter();
        final LinearCounter newClients = new LinearCounter();

        Open(Key key, long second) {
            this.key = key;
            this.second = second;
        }

        RouteTally close() {
            return new RouteTally(key.route(), key.method(), second, requests, clientErrors, serverErrors, attempts,
                    failures, Map.copyOf(failuresByIp), Set.copyOf(succeeded), latencySum, latencyMax, bytesOut,
                    Map.copyOf(requestsByIp), newClientRequests, clients, newClients);
        }

        void count(RouteHit h) {
            requests++;
            Integer status = h.status();
            if (status != null && status >= 400) {
                if (status < 500) {
                    clientErrors++;
                } else if (status < 600) {
                    serverErrors++;
                }
            }
            if (h.latencyMs() >= 0) {
                long ms = Math.round(Math.min(h.latencyMs(), Integer.MAX_VALUE));
                latencySum += ms;
                latencyMax = (int) Math.max(latencyMax, ms);
            }
            bytesOut += Math.max(0, h.bytesOut());
            String ip = h.ip();
            if (ip != null) {
                long hash = Hashing.hash64(ip);
                clients.add(hash);
                if (h.newClient()) {
                    newClients.add(hash);
                }
                if (requestsByIp.containsKey(ip) || requestsByIp.size() < RouteTally.MAX_IPS) {
                    requestsByIp.merge(ip, 1, Integer::sum);
                }
            }
            if (h.newClient()) {
                newClientRequests++;
            }
            if (h.loginRoute()) {
                attempts++;
            }
            if (h.loginSuccess() && ip != null && succeeded.size() < RouteTally.MAX_IPS) {
                succeeded.add(ip);
            }
            if (h.loginFailure()) {
                failures++;
                if (ip != null && (failuresByIp.containsKey(ip) || failuresByIp.size() < RouteTally.MAX_IPS)) {
                    failuresByIp.merge(ip, 1, Integer::sum);
                }
            }
        }
    }

    /** Counts one request; returns the tallies this closed (usually none). */
    public List<RouteTally> add(RouteHit hit) {
        long second = Math.floorDiv(hit.ts(), 1000);
        Key key = new Key(hit.route(), hit.method() == null ? "" : hit.method());
        List<RouteTally> closed = List.of();
        Open o = open.get(key);
        if (o != null && o.second != second) {
            if (second < o.second) {
                // an out-of-order event is added to the open second: the route view tolerates a second's blur
                second = o.second;
            } else {
                closed = List.of(o.close());
                open.remove(key);
                o = null;
            }
        }
        if (o == null) {
            if (open.size() >= MAX_OPEN) {
                closed = new ArrayList<>(closed);
                closed.addAll(closeBefore(Long.MAX_VALUE));
            }
            o = new Open(key, second);
            open.put(key, o);
        }
        o.count(hit);
        return closed;
    }

    /** Closes every tally of a second before the given one. */
    public List<RouteTally> closeBefore(long second) {
        List<RouteTally> closed = new ArrayList<>();
        var it = open.values().iterator();
        while (it.hasNext()) {
            Open o = it.next();
            if (o.second < second) {
                closed.add(o.close());
                it.remove();
            }
        }
        return closed;
    }

    public boolean isEmpty() {
        return open.isEmpty();
    }
}
