package io.gatewatch.app.api;

import io.gatewatch.schema.Alert;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The newest alerts (each revision a record), bounded in memory; newest first. Thread-safe. */
public final class RecentAlerts {
    private final int capacity;
    private final ArrayDeque<Alert> alerts;

    public RecentAlerts(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
        this.alerts = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    public synchronized void add(Alert a) {
        if (alerts.size() == capacity) {
            alerts.removeLast();
        }
        alerts.addFirst(a);
    }

    public synchronized List<Alert> newest(int limit) {
        List<Alert> out = new ArrayList<>(Math.min(limit, alerts.size()));
        Iterator<Alert> it = alerts.iterator();
        while (it.hasNext() && out.size() < limit) {
            out.add(it.next());
        }
        return out;
    }

    /** The newest alerts about one client key. */
    public synchronized List<Alert> forClient(String key, int limit) {
        List<Alert> out = new ArrayList<>();
        for (Alert a : alerts) {
            if (out.size() >= limit) {
                break;
            }
            if (a.client() != null && key.equals(a.client().key())) {
                out.add(a);
            }
        }
        return out;
    }

    /** The newest alerts about one route. */
    public synchronized List<Alert> forRoute(String route, int limit) {
        List<Alert> out = new ArrayList<>();
        for (Alert a : alerts) {
            if (out.size() >= limit) {
                break;
            }
            if (route.equals(a.route())) {
                out.add(a);
            }
        }
        return out;
    }
}
