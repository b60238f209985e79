package io.gatewatch.app.bench;

import io.gatewatch.app.topology.GatewatchTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What the client profiles cost, three ways: the live profiles read through interactive queries (key
 * and value bytes as stored), the RocksDB folders on disk after the streams are closed, and the
 * changelog topic on the broker (not yet compacted, so an upper bound).
 */
record StoreFootprint(long profiles, long keyBytes, long valueBytes, long maxValueBytes, long rocksDbBytes,
        long sstBytes, long changelogBytes) {

    /** Key and value bytes per profile: what an idle, not yet expired client costs before RocksDB overhead. */
    double liveBytesPerClient() {
        return profiles == 0 ? 0 : (double) (keyBytes + valueBytes) / profiles;
    }

    double rocksDbBytesPerClient() {
        return profiles == 0 ? 0 : (double) rocksDbBytes / profiles;
    }

    double sstBytesPerClient() {
        return profiles == 0 ? 0 : (double) sstBytes / profiles;
    }

    double changelogBytesPerClient() {
        return profiles == 0 ? 0 : (double) changelogBytes / profiles;
    }

    record Live(long profiles, long keyBytes, long valueBytes, long maxValueBytes) {
    }

    /** Reads every profile of the running instance through interactive queries. */
    static Live live(KafkaStreams streams) {
        ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters.fromNameAndType(
                GatewatchTopology.CLIENT_PROFILES, QueryableStoreTypes.<String, byte[]>keyValueStore()));
        long n = 0;
        long keys = 0;
        long values = 0;
        long max = 0;
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                n++;
                keys += kv.key.getBytes(StandardCharsets.UTF_8).length;
                values += kv.value.length;
                max = Math.max(max, kv.value.length);
            }
        }
        return new Live(n, keys, values, max);
    }

    /** After close: the client-profiles RocksDB folders of every task under the state folder. */
    static StoreFootprint measure(Live live, Path stateDir, String applicationId, Admin admin) {
        long all = 0;
        long sst = 0;
        try (Stream<Path> files = Files.walk(stateDir.resolve(applicationId))) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().contains("/rocksdb/" + GatewatchTopology.CLIENT_PROFILES + "/")).toList()) {
                long size = Files.size(f);
                all += size;
                if (f.getFileName().toString().endsWith(".sst")) {
                    sst += size;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure the state folder " + stateDir, e);
        }
        return new StoreFootprint(live.profiles(), live.keyBytes(), live.valueBytes(), live.maxValueBytes(), all, sst,
                changelogBytes(admin, applicationId + "-" + GatewatchTopology.CLIENT_PROFILES + "-changelog"));
    }

    private static long changelogBytes(Admin admin, String topic) {
        try {
            var brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream().map(n -> n.id()).toList();
            long total = 0;
            for (var byDir : admin.describeLogDirs(brokers).allDescriptions().get(30, TimeUnit.SECONDS).values()) {
                for (var dir : byDir.values()) {
                    for (var e : dir.replicaInfos().entrySet()) {
                        if (e.getKey().topic().equals(topic)) {
                            total += e.getValue().size();
                        }
                    }
                }
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        }
    }

    static List<String> describe(StoreFootprint f) {
        return List.of(
                String.format("%,d client profiles; live key+value %,d B (%.1f B per client, largest value %,d B)",
                        f.profiles, f.keyBytes + f.valueBytes, f.liveBytesPerClient(), f.maxValueBytes),
                String.format("RocksDB client-profiles folders after close: %,d B (%.1f B per client), of which SST %,d B (%.1f B per client)",
                        f.rocksDbBytes, f.rocksDbBytesPerClient(), f.sstBytes, f.sstBytesPerClient()),
                String.format("changelog topic (uncompacted): %,d B (%.1f B per client)", f.changelogBytes,
                        f.changelogBytesPerClient()));
    }
}
