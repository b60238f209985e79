package io.gatewatch.app.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.config.KafkaSettings.RocksDbMemory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedRocksDbConfigTest {
    /**
     * LZ4 must be compiled into the RocksDB library Kafka Streams ships, or every store would fail to
     * open: a real database is written, flushed to an SST file and read back.
     */
    @Test
    void shouldWriteLz4CompressedSstFilesThatReadBack(@TempDir Path dir) throws Exception {
        BoundedRocksDbConfig setter = new BoundedRocksDbConfig();
        try (SharedRocksDbMemory shared = new SharedRocksDbMemory(RocksDbMemory.DEFAULTS);
                Options options = new Options().setCreateIfMissing(true)) {
            options.setTableFormatConfig(new BlockBasedTableConfig()); // as Kafka Streams hands it over
            setter.setConfig("client-profiles", options, Map.of(SharedRocksDbMemory.CONFIG, shared));
            assertEquals(CompressionType.LZ4_COMPRESSION, options.compressionType());
            byte[] value = "203.0.113.7|Mozilla/5.0 (X11; Linux x86_64)|".repeat(20).getBytes(StandardCharsets.UTF_8);
            try (RocksDB db = RocksDB.open(options, dir.toString()); FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                for (int i = 0; i < 1_000; i++) {
                    db.put(("ip:10.0.0." + i).getBytes(StandardCharsets.UTF_8), value);
                }
                db.flush(flush);
                assertArrayEquals(value, db.get("ip:10.0.0.500".getBytes(StandardCharsets.UTF_8)));
            } finally {
                setter.close("client-profiles", options);
            }
            long sst;
            try (Stream<Path> files = Files.list(dir)) {
                sst = files.filter(f -> f.toString().endsWith(".sst")).mapToLong(f -> f.toFile().length()).sum();
            }
            // 1,000 values of 880 repetitive bytes: compressed, the file is a small fraction of them
            assertTrue(sst > 0 && sst < 1_000L * value.length / 4, "SST bytes: " + sst);
        }
    }
}
