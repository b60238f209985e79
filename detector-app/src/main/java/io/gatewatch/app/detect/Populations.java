package io.gatewatch.app.detect;

import io.gatewatch.app.config.PopulationSettings;
import io.gatewatch.models.codec.CorruptDataException;
import io.gatewatch.models.sketch.QuantileSketch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One client-stage task's populations, in memory with a persistent copy: at most
 * {@code max_per_task} of them, least recently used dropped first (from the copy too), and none kept
 * longer than {@code idle_expiry} after it was last fed. Feeding only marks a population dirty;
 * {@link #flush} writes the dirty ones, so a busy population costs one store write per flush, not one
 * per client. No Kafka here: the topology hands in the store as {@link Storage}.
 */
public final class Populations {
    /** Where populations persist between restarts (a changelogged key-value store in the topology). */
    public interface Storage {
        void put(String population, byte[] bytes);

        void delete(String population);
    }

    private final PopulationSettings settings;
    private final PopulationKeys keys;
    private final Storage storage;
    private final LinkedHashMap<String, PopulationProfile> profiles;
    private final View view = new View();
    private int corrupt;

    public Populations(PopulationSettings settings, Storage storage) {
        this.settings = settings;
        this.keys = new PopulationKeys(settings.ipv4Prefix(), settings.ipv6Prefix());
        this.storage = storage;
        this.profiles = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PopulationProfile> eldest) {
                if (size() > settings.maxPerTask()) {
                    storage.delete(eldest.getKey());
                    return true;
                }
                return false;
            }
        };
    }

    /** Takes back a stored population at start-up; a corrupt one is dropped (and counted), never fatal. */
    public void restore(String population, byte[] bytes) {
        try {
            profiles.put(population, PopulationProfile.decode(bytes));
        } catch (CorruptDataException | IllegalArgumentException e) {
            corrupt++;
            storage.delete(population);
        }
    }

    public int size() {
        return profiles.size();
    }

    /** Stored populations that could not be read and were dropped. */
    public int corrupt() {
        return corrupt;
    }

    /**
     * The peers of one client for one event. The returned view is reused by the next call: use it within
     * the event. Its populations are worked out only if a detector asks.
     */
    public Peers of(String clientKey, String clientIp, String userAgent, long ts) {
        view.reset(clientKey, clientIp, userAgent, ts);
        return view;
    }

    /** Writes the populations fed since the last flush, and drops those idle for longer than idle_expiry. */
    public void flush(long now) {
        long cutoff = now - settings.idleExpiry().toMillis();
        Iterator<Map.Entry<String, PopulationProfile>> it = profiles.entrySet().iterator();
        List<String> dropped = new ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<String, PopulationProfile> e = it.next();
            PopulationProfile p = e.getValue();
            if (p.lastFed < cutoff) {
                it.remove();
                dropped.add(e.getKey());
            } else if (p.dirty) {
                storage.put(e.getKey(), p.encode());
                p.dirty = false;
            }
        }
        dropped.forEach(storage::delete);
    }

    private final class View implements Peers {
        private String clientKey;
        private String clientIp;
        private String userAgent;
        private long ts;
        private List<String> ids;

        void reset(String clientKey, String clientIp, String userAgent, long ts) {
            this.clientKey = clientKey;
            this.clientIp = clientIp;
            this.userAgent = userAgent;
            this.ts = ts;
            this.ids = null;
        }

        private List<String> ids() {
            if (ids == null) {
                ids = keys.of(clientKey, clientIp, userAgent);
            }
            return ids;
        }

        @Override
        public void add(PeerMetric metric, double value) {
            for (String id : ids()) {
                PopulationProfile p = profiles.computeIfAbsent(id, k -> new PopulationProfile());
                p.sketches.computeIfAbsent(metric.key(), k -> new QuantileSketch(settings.sketchK())).add(value);
                p.lastFed = Math.max(p.lastFed, ts);
                p.dirty = true;
            }
        }

        @Override
        public PeerQuantile quantile(PeerMetric metric, double q) {
            PeerQuantile best = null;
            for (String id : ids()) {
                PopulationProfile p = profiles.get(id);
                QuantileSketch s = p == null ? null : p.sketches.get(metric.key());
                if (s != null && s.count() >= settings.minSamples()) {
                    double v = s.quantile(q);
                    if (best == null || v > best.value()) {
                        best = new PeerQuantile(id, v, s.count());
                    }
                }
            }
            return best;
        }
    }
}
