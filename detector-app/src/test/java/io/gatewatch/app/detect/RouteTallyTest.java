package io.gatewatch.app.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.models.codec.CorruptDataException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteTallyTest {

    private static RouteHit hit(String method, long ts, String ip, int status, boolean fresh) {
        return new RouteHit("/api/v1/search", method, ts, ip, status, 12.4, 2000, fresh, false, false, false);
    }

    @Test
    void shouldSummariseOneRouteMethodAndSecondWithEveryGeneralCount() {
        RouteTallies tallies = new RouteTallies();
        tallies.add(hit("GET", 5_000, "192.0.2.1", 200, true));
        tallies.add(hit("GET", 5_100, "192.0.2.1", 404, true));
        tallies.add(hit("GET", 5_900, "192.0.2.2", 503, false));
        tallies.add(hit("POST", 5_200, "192.0.2.3", 200, false));
        List<RouteTally> closed = tallies.add(hit("GET", 6_000, "192.0.2.9", 200, false));
        assertEquals(1, closed.size(), "a later second closes only its own route and method");
        RouteTally t = closed.getFirst();
        assertEquals("GET", t.method());
        assertEquals(5, t.second());
        assertEquals(3, t.requests());
        assertEquals(1, t.clientErrors());
        assertEquals(1, t.serverErrors());
        assertEquals(36, t.latencySumMs());
        assertEquals(12, t.latencyMaxMs());
        assertEquals(6000, t.bytesOut());
        assertEquals(Map.of("192.0.2.1", 2, "192.0.2.2", 1), t.requestsByIp());
        assertEquals(2, t.newClientRequests());
        assertEquals(2, t.clients().estimate());
        assertEquals(1, t.newClients().estimate());
        assertEquals(2, tallies.closeBefore(Long.MAX_VALUE).size(), "the POST tally and the next second's GET");
    }

    @Test
    void shouldCapTheAddressesItListsButCountEveryRequest() {
        RouteTallies tallies = new RouteTallies();
        for (int i = 0; i < 200; i++) {
            tallies.add(hit("GET", 1_000, "10.0." + i / 250 + "." + i % 250, 200, false));
        }
        RouteTally t = tallies.closeBefore(Long.MAX_VALUE).getFirst();
        assertEquals(200, t.requests());
        assertEquals(RouteTally.MAX_IPS, t.requestsByIp().size());
        assertEquals(200, t.clients().estimate(), 12, "distinct sources come from the sketch, not the capped list");
    }

    @Test
    void shouldReadBackEveryFieldOfWhatItEncoded() {
        RouteTallies tallies = new RouteTallies();
        tallies.add(hit("GET", 7_000, "192.0.2.1", 401, true));
        tallies.add(hit("GET", 7_001, "192.0.2.2", 500, false));
        RouteTally t = tallies.closeBefore(Long.MAX_VALUE).getFirst();
        RouteTally back = RouteTally.decode(t.encode(new ByteWriter(64)));
        assertEquals(List.of(t.route(), t.method(), t.second(), t.requests(), t.clientErrors(), t.serverErrors(),
                        t.latencySumMs(), t.latencyMaxMs(), t.bytesOut(), t.requestsByIp(), t.newClientRequests(),
                        t.clients().estimate(), t.newClients().estimate()),
                List.of(back.route(), back.method(), back.second(), back.requests(), back.clientErrors(),
                        back.serverErrors(), back.latencySumMs(), back.latencyMaxMs(), back.bytesOut(),
                        back.requestsByIp(), back.newClientRequests(), back.clients().estimate(),
                        back.newClients().estimate()));
    }

    @Test
    void shouldStillReadAVersionOneLoginTally() {
        // the bytes a build before the general tally wrote: version 1, route, second, requests, attempts,
        // failures, failures by address, addresses that logged in
        ByteWriter v1 = new ByteWriter(64);
        v1.writeByte(1);
        v1.writeString("/api/v1/login");
        v1.writeVarLong(1_768_200_000L);
        v1.writeVarInt(5);
        v1.writeVarInt(5);
        v1.writeVarInt(4);
        v1.writeVarInt(1);
        v1.writeString("100.64.0.1");
        v1.writeVarInt(4);
        v1.writeVarInt(1);
        v1.writeString("198.51.100.1");
        RouteTally t = RouteTally.decode(v1.toByteArray());
        assertEquals(List.of("/api/v1/login", "", 5, 5, 4, Map.of("100.64.0.1", 4), Set.of("198.51.100.1")),
                List.of(t.route(), t.method(), t.requests(), t.loginAttempts(), t.loginFailures(), t.failuresByIp(),
                        t.succeededIps()));
    }

    @Test
    void shouldRefuseAnUnknownVersionOrTruncatedBytesWithAReason() {
        CorruptDataException v9 = assertThrows(CorruptDataException.class, () -> RouteTally.decode(new byte[] {9, 0}));
        assertEquals("route tally version 9 (this build reads 1 and 2)", v9.getMessage());
        RouteTallies tallies = new RouteTallies();
        tallies.add(hit("GET", 7_000, "192.0.2.1", 200, true));
        byte[] whole = tallies.closeBefore(Long.MAX_VALUE).getFirst().encode(new ByteWriter(64));
        assertThrows(CorruptDataException.class, () -> RouteTally.decode(java.util.Arrays.copyOf(whole, whole.length - 3)));
    }
}
