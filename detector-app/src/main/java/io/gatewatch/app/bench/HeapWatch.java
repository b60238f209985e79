package io.gatewatch.app.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap's high-water mark over a phase, from GC notifications: heap use peaks just before a
 * collection, so the largest before-GC total is the peak (samples between collections fill in a
 * phase with no GC), and the largest after-GC total is the most the program really held live.
 */
final class HeapWatch implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong livePeak = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;

    HeapWatch() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    /** Starts a new phase: forgets the peaks so far. */
    void reset() {
        long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peak.set(now);
        livePeak.set(0);
    }

    /** Call now and then between collections; cheap. */
    void sample() {
        peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
    }

    long peakBytes() {
        sample();
        return peak.get();
    }

    /** The largest heap in use right after a collection in this phase; 0 if none ran. */
    long livePeakBytes() {
        return livePeak.get();
    }

    private void onNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo();
        peak.accumulateAndGet(heapTotal(info.getMemoryUsageBeforeGc()), Math::max);
        livePeak.accumulateAndGet(heapTotal(info.getMemoryUsageAfterGc()), Math::max);
    }

    private static long heapTotal(Map<String, MemoryUsage> pools) {
        long total = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage u = pools.get(pool.getName());
            if (u != null && pool.getType() == java.lang.management.MemoryType.HEAP) {
                total += u.getUsed();
            }
        }
        return total;
    }

    @Override
    public void close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // already gone
            }
        }
    }
}
