package io.gatewatch.app.topology;

import io.gatewatch.app.detect.ClientProfile;
import io.gatewatch.app.detect.DetectionEngine;
import io.gatewatch.app.detect.ProfileCodec;
import io.gatewatch.models.codec.CorruptDataException;
import io.gatewatch.schema.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Once a stream minute (the detect stage's own clock: the newest event time it has seen, so a replay
 * behaves as the live run did), lets time reach the clients that sent something in the last minutes and
 * then nothing, so that a detector judging closed minutes (anomaly) judges a burst followed by silence
 * within a minute, not when the client comes back. Only profiles last seen since the previous run (less
 * a minute) are decoded: a profile's last-seen time is read without decoding it.
 */
final class SilentClients {
    static final long EVERY_MS = 60_000;
    private final DetectionEngine engine;
    private final ProfileCodec codec;
    private long previous = Long.MIN_VALUE;
    private long lastMinute = Long.MIN_VALUE;

    SilentClients(DetectionEngine engine, ProfileCodec codec) {
        this.engine = engine;
        this.codec = codec;
    }

    /** Runs when the stream clock has entered a new minute since the last run; else does nothing. */
    void maybeRun(long streamTime, KeyValueStore<String, byte[]> store, BiConsumer<String, Alert> alerts) {
        long minute = Math.floorDiv(streamTime, EVERY_MS);
        if (minute <= lastMinute) {
            return;
        }
        boolean first = lastMinute == Long.MIN_VALUE;
        lastMinute = minute;
        if (!first) {
            run(streamTime, store, alerts);
        }
    }

    void run(long streamTime, KeyValueStore<String, byte[]> store, BiConsumer<String, Alert> alerts) {
        long since = (previous == Long.MIN_VALUE ? streamTime - EVERY_MS : previous) - EVERY_MS;
        previous = streamTime;
        List<KeyValue<String, byte[]>> due = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                long seen = ProfileCodec.lastSeen(kv.value);
                if (seen >= since && seen < streamTime) {
                    due.add(kv);
                }
            }
        }
        for (KeyValue<String, byte[]> kv : due) {
            ClientProfile p;
            try {
                p = codec.decode(kv.value);
            } catch (CorruptDataException e) {
                continue; // the next event for this key counts and replaces it
            }
            List<Alert> out = new ArrayList<>(1);
            if (engine.advance(p, kv.key, streamTime, out::add)) {
                store.put(kv.key, codec.encode(p));
            }
            out.forEach(a -> alerts.accept(kv.key, a));
        }
    }
}
