package io.gatewatch.app.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.models.codec.ByteWriter;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The route stage across an upgrade: a tally written by the build before (version 1) is still read and
 * kept in the route's profile; bytes of an unknown version are dead-lettered with the reason, never crash
 * the stream thread and never vanish.
 */
class RouteTallyTopologyTest {

    private static byte[] versionOneLoginTally() {
        ByteWriter v1 = new ByteWriter(64);
        v1.writeByte(1);
        v1.writeString("/api/v1/login");
        v1.writeVarLong(1_768_208_400L);
        v1.writeVarInt(3);
        v1.writeVarInt(3);
        v1.writeVarInt(3);
        v1.writeVarInt(1);
        v1.writeString("100.64.0.1");
        v1.writeVarInt(3);
        v1.writeVarInt(0);
        return v1.toByteArray();
    }

    @Test
    void shouldReadAVersionOneTallyAndDeadLetterAnUnknownVersionWithItsReason() throws Exception {
        try (TopologyFixture f = new TopologyFixture()) {
            TestInputTopic<String, byte[]> tallies = f.driver.createInputTopic(
                    f.config.kafka().topics().routeTallies(), new StringSerializer(), new ByteArraySerializer());
            byte[] future = {9, 1, 2, 3};
            tallies.pipeInput(new TestRecord<>("/api/v1/search", future));
            tallies.pipeInput(new TestRecord<>("/api/v1/login", versionOneLoginTally()));

            TestRecord<byte[], byte[]> dead = f.dlq.readRecord();
            assertArrayEquals(future, dead.value(), "kept as it arrived");
            assertEquals(RouteDetectProcessor.STAGE, DeadLetters.header(dead.headers(), DeadLetters.STAGE));
            assertEquals("not a route tally: route tally version 9 (this build reads 1 and 2)",
                    DeadLetters.header(dead.headers(), DeadLetters.REASON));
            assertTrue(f.dlq.isEmpty(), "the version-1 tally is read, not dead-lettered");
            Map<String, byte[]> routes = f.storeContents(GatewatchTopology.ROUTE_PROFILES);
            assertEquals(java.util.Set.of("/api/v1/login"), routes.keySet(), "the version-1 tally reached the route profile");
        }
    }
}
