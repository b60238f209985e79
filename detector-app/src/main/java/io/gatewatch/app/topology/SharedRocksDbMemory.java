package io.gatewatch.app.topology;

import io.gatewatch.app.config.KafkaSettings.RocksDbMemory;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * The one block cache and write-buffer budget that every RocksDB store of one Kafka Streams instance
 * uses, handed to {@link BoundedRocksDbConfig} through the Streams properties (never a static field, so
 * two instances in one JVM, as in tests, each get their own). Closed by whoever created it, after the
 * Streams instance.
 */
public final class SharedRocksDbMemory implements AutoCloseable {
    /** The Streams property under which the instance is passed to the config setter. */
    public static final String CONFIG = "gatewatch.rocksdb.shared.memory";
    /** Share of the cache kept for index and filter blocks, so data blocks cannot evict them. */
    private static final double INDEX_FILTER_RATIO = 0.1;

    static {
        RocksDB.loadLibrary();
    }

    private final RocksDbMemory sizes;
    private final Cache cache;
    private final WriteBufferManager writeBuffers;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    public SharedRocksDbMemory(RocksDbMemory sizes) {
        this.sizes = sizes;
        // numShardBits -1: RocksDB picks; strict capacity off, or a full cache would fail reads instead of evicting.
        this.cache = new LRUCache(sizes.blockCacheMb() * 1024L * 1024, -1, false, INDEX_FILTER_RATIO);
        this.writeBuffers = new WriteBufferManager(sizes.writeBufferMb() * 1024L * 1024, cache);
    }

    public RocksDbMemory sizes() {
        return sizes;
    }

    Cache cache() {
        return cache;
    }

    WriteBufferManager writeBuffers() {
        return writeBuffers;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        writeBuffers.close();
        cache.close();
    }
}
