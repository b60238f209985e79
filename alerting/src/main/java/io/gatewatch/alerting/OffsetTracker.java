package io.gatewatch.alerting;

import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * At-least-once bookkeeping: an input record's offset may be committed only when every delivery it takes
 * part in has finished (delivered or dead-lettered), and so has every earlier record of its partition.
 * Registration and commits happen on the consumer thread; {@link #finished} comes from worker threads.
 */
final class OffsetTracker {
    private final Map<Long, Entry> bySequence = new ConcurrentHashMap<>();
    private final Map<TopicPartition, TreeMap<Long, Entry>> byPartition = new HashMap<>();
    private long nextSequence;

    private static final class Entry {
        final TopicPartition partition;
        final long offset;
        final AtomicInteger pending = new AtomicInteger(1);

        Entry(TopicPartition partition, long offset) {
            this.partition = partition;
            this.offset = offset;
        }
    }

    /** Numbers a new input record; it stays open until {@link #expect} and every delivery finish. */
    long register(TopicPartition partition, long offset) {
        long seq = nextSequence++;
        Entry e = new Entry(partition, offset);
        bySequence.put(seq, e);
        byPartition.computeIfAbsent(partition, p -> new TreeMap<>()).put(offset, e);
        return seq;
    }

    /** Sets how many deliveries the record takes part in; zero finishes it at once. */
    void expect(long sequence, int deliveries) {
        Entry e = bySequence.get(sequence);
        if (e != null && e.pending.addAndGet(deliveries - 1) == 0) {
            bySequence.remove(sequence);
        }
    }

    void finished(Collection<Long> sequences) {
        for (long seq : sequences) {
            Entry e = bySequence.get(seq);
            if (e != null && e.pending.decrementAndGet() == 0) {
                bySequence.remove(seq);
            }
        }
    }

    /** For each partition, the offset after the longest finished prefix; removes that prefix. */
    Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (Map.Entry<TopicPartition, TreeMap<Long, Entry>> p : byPartition.entrySet()) {
            long next = -1;
            for (Iterator<Entry> it = p.getValue().values().iterator(); it.hasNext(); ) {
                Entry e = it.next();
                if (e.pending.get() > 0) {
                    break;
                }
                next = e.offset + 1;
                it.remove();
            }
            if (next >= 0) {
                out.put(p.getKey(), new OffsetAndMetadata(next));
            }
        }
        return out;
    }

    /** Forgets revoked partitions; their unfinished records will be consumed again by the new owner. */
    void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            TreeMap<Long, Entry> entries = byPartition.remove(tp);
            if (entries != null) {
                bySequence.values().removeIf(e -> e.partition.equals(tp));
            }
        }
    }

    int open() {
        return byPartition.values().stream().mapToInt(Map::size).sum();
    }
}
