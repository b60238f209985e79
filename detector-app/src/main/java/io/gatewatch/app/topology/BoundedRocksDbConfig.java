package io.gatewatch.app.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;

/**
 * Bounds RocksDB's off-heap memory: every store of the instance reads through one LRU block cache
 * (index and filter blocks included, so they are counted too) and its memtables are charged against
 * the same cache by one write buffer manager. Without it each store has its own cache and buffers, and
 * memory grows with the number of partitions. Bloom filters (10 bits per key) spare a disk read for
 * most lookups of a client that has no profile yet. SST files are LZ4-compressed (Kafka Streams writes
 * them uncompressed): profiles repeat addresses, agents and section headers, and compression runs only
 * at flush and compaction, off the per-event path.
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {
    private static final long BLOCK_SIZE = 16 * 1024L;
    private BloomFilter filter;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        filter = new BloomFilter(10, false);
        table.setFilterPolicy(filter);
        table.setBlockSize(BLOCK_SIZE);
        options.setCompressionType(CompressionType.LZ4_COMPRESSION);
        if (configs.get(SharedRocksDbMemory.CONFIG) instanceof SharedRocksDbMemory shared) {
            table.setBlockCache(shared.cache());
            table.setCacheIndexAndFilterBlocks(true);
            table.setCacheIndexAndFilterBlocksWithHighPriority(true);
            table.setPinTopLevelIndexAndFilter(true);
            options.setWriteBufferManager(shared.writeBuffers());
            // Two memtables per store at most; the manager flushes earlier when the shared budget is used up.
            options.setMaxWriteBufferNumber(2);
            options.setWriteBufferSize(Math.min(16L, Math.max(1, shared.sizes().writeBufferMb() / 4)) * 1024 * 1024);
        }
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The shared cache and write buffer manager outlive a store; only this store's filter is freed.
        if (filter != null) {
            filter.close();
        }
    }
}
