package io.gatewatch.app.topology;

import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.ApiEventSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Puts the events of one detect task back in event-time order across the raw partitions they came
 * from, so that a backlog gives the detections live traffic gives. Kafka Streams runs the normalize task
 * of each raw partition on its own and nothing keeps them in step: in a backlog one of them can write its
 * whole partition, hours of events, before another starts, and a client whose lines the shipper spread over
 * the partitions would reach the detectors out of order by far more than the grace.
 *
 * <p>Every event carries its raw partition's {@link RawProgress}. An event is held (in a changelogged
 * store, so a crash loses none) until every raw partition that is still sending has passed its time;
 * then the held events are handed on oldest first. With one raw partition nothing is ever held.
 *
 * <p>A partition is not waited for once it has sent nothing to this task for {@link #QUIET} (wall clock)
 * while the newest partition is within {@link #CAUGHT_UP} of the wall clock (live traffic: a quiet
 * partition, or one never written to, would otherwise hold everything back), or for {@link #STALLED}
 * otherwise (a backlog partition no shipper writes to, or one that ran out of records before the others: the
 * end of a backlog waits that long; a rule releasing everything after 5 s with no event at all made 521 of
 * 37,618 backlog events late, the stream thread can be silent that long mid-backlog). A quiet partition
 * that is behind is waited for: in a backlog a busy stream thread can leave one raw partition unprocessed
 * for seconds (9 s measured on a loaded machine) while it works through hours of another's events, and the
 * consumer's lag cannot tell (it counts records fetched, not processed). An event is never held more than
 * {@link #MAX_SPREAD} of event time behind the newest progress, so one raw partition fed only by a gateway
 * with a slow clock delays the others by that much at most.
 */
final class ReorderBuffer {
    static final Duration QUIET = Duration.ofSeconds(1);
    static final Duration CAUGHT_UP = Duration.ofMinutes(2);
    static final Duration STALLED = Duration.ofSeconds(30);
    static final Duration MAX_SPREAD = Duration.ofHours(6);
    private static final byte PROGRESS = 0;
    private static final byte HELD = 1;
    /** A partition not heard from since the task started: quiet from the first event on (the clock at init may be stale). */
    private static final long SINCE_FIRST_CALL = Long.MIN_VALUE;

    /** What to do with an event that may go on, in event-time order. */
    interface Sink {
        void accept(String key, ApiEvent event, long ts);
    }

    private final KeyValueStore<Bytes, byte[]> store;
    private final Deserializer<ApiEvent> json = new ApiEventSerde().deserializer();
    private final Map<Integer, Long> newest = new HashMap<>();
    private final Map<Integer, Long> lastArrival = new HashMap<>();
    private final Map<Integer, Long> unsaved = new HashMap<>();
    private final LongConsumer heldChange;
    private long held;
    private long oldestHeld = Long.MAX_VALUE;

    /**
     * Reads back what a previous run of the task held and how far each partition had got.
     *
     * @param rawPartitions the raw topic's partition count, each waited for before it is first seen; 0 if unknown
     * @param heldChange    told of every change in the number of events held, for the metric
     */
    ReorderBuffer(KeyValueStore<Bytes, byte[]> store, int rawPartitions, LongConsumer heldChange) {
        this.store = store;
        this.heldChange = heldChange;
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                ByteBuffer k = ByteBuffer.wrap(kv.key.get());
                if (k.get() == PROGRESS) {
                    int partition = k.getInt();
                    newest.put(partition, ByteBuffer.wrap(kv.value).getLong());
                    lastArrival.put(partition, SINCE_FIRST_CALL);
                } else {
                    held++;
                    oldestHeld = Math.min(oldestHeld, k.getLong());
                }
            }
        }
        heldChange.accept(held);
        // In a backlog one normalize task can write its whole partition before another writes anything.
        for (int p = 0; p < rawPartitions; p++) {
            newest.putIfAbsent(p, -1L);
            lastArrival.putIfAbsent(p, SINCE_FIRST_CALL);
        }
    }

    /**
     * Notes the event's progress, hands on the held events it lets through, then holds it or says it
     * may go now (true: the caller processes it at once).
     *
     * @param offset the event's offset in its events partition: with the time, a key no other event of this task has
     */
    boolean admit(String key, ApiEvent event, byte[] bytes, long ts, RawProgress progress, long offset, long now,
            Sink sink) {
        if (progress == null) {
            return true; // not from the normalize stage: nothing to order it by
        }
        lastArrival.put(progress.partition(), now);
        Long before = newest.get(progress.partition());
        if (before == null || progress.newest() > before) {
            newest.put(progress.partition(), progress.newest());
            unsaved.put(progress.partition(), progress.newest());
        }
        long through = passed(now);
        releaseThrough(through, sink);
        if (ts <= through) {
            return true;
        }
        store.put(heldKey(ts, offset), heldValue(key, bytes));
        held++;
        heldChange.accept(1);
        oldestHeld = Math.min(oldestHeld, ts);
        return false;
    }

    /** On a wall-clock punctuation: partitions gone quiet are no longer waited for; progress is saved. */
    void punctuate(long now, Sink sink) {
        releaseThrough(passed(now), sink);
        unsaved.forEach((partition, time) -> store.put(progressKey(partition),
                ByteBuffer.allocate(Long.BYTES).putLong(time).array()));
        unsaved.clear();
    }

    /** The task is closing (a restart, a move to another instance): its held events stay in the store. */
    void close() {
        heldChange.accept(-held);
        held = 0;
    }

    /** The event time every partition still sending has passed; events up to it may go. */
    long passed(long now) {
        lastArrival.replaceAll((partition, at) -> at == SINCE_FIRST_CALL ? now : at);
        long max = newest.values().stream().mapToLong(Long::longValue).max().orElse(Long.MIN_VALUE);
        if (max == Long.MIN_VALUE) {
            return Long.MAX_VALUE;
        }
        // live: the newest partition is within CAUGHT_UP of the wall clock, so a quiet one has nothing to send
        boolean live = now - max <= CAUGHT_UP.toMillis();
        long min = Long.MAX_VALUE;
        for (Map.Entry<Integer, Long> e : newest.entrySet()) {
            long silent = now - lastArrival.get(e.getKey());
            boolean idle = silent >= STALLED.toMillis() || live && silent >= QUIET.toMillis();
            if (!idle) {
                min = Math.min(min, e.getValue());
            }
        }
        return Math.max(min == Long.MAX_VALUE ? max : min, max - MAX_SPREAD.toMillis());
    }

    private void releaseThrough(long through, Sink sink) {
        if (held == 0 || oldestHeld > through) {
            return;
        }
        List<KeyValue<Bytes, byte[]>> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(heldKey(0, 0), heldKey(through, Long.MAX_VALUE))) {
            it.forEachRemaining(due::add);
        }
        for (KeyValue<Bytes, byte[]> kv : due) {
            store.delete(kv.key);
            held--;
        }
        heldChange.accept(-due.size());
        oldestHeld = held == 0 ? Long.MAX_VALUE : through + 1;
        for (KeyValue<Bytes, byte[]> kv : due) {
            long ts = ByteBuffer.wrap(kv.key.get(), 1, Long.BYTES).getLong();
            ByteBuffer v = ByteBuffer.wrap(kv.value);
            byte[] key = new byte[v.getInt()];
            v.get(key);
            byte[] event = new byte[v.remaining()];
            v.get(event);
            sink.accept(new String(key, StandardCharsets.UTF_8), json.deserialize(null, event), ts);
        }
    }

    private static Bytes progressKey(int partition) {
        return Bytes.wrap(ByteBuffer.allocate(1 + Integer.BYTES).put(PROGRESS).putInt(partition).array());
    }

    /** Big-endian time first: the store's byte order is event-time order (times are never negative here). */
    private static Bytes heldKey(long ts, long offset) {
        return Bytes.wrap(ByteBuffer.allocate(1 + 2 * Long.BYTES).put(HELD).putLong(ts).putLong(offset).array());
    }

    private static byte[] heldValue(String key, byte[] event) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Integer.BYTES + k.length + event.length).putInt(k.length).put(k).put(event).array();
    }
}
