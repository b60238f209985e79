package io.gatewatch.app.detect;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.models.codec.CorruptDataException;
import io.gatewatch.models.sketch.LinearCounter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One route's traffic with one method in one second of event time, as seen by one client task: what the
 * route-scope detectors need, summarised, so the route tasks get a record per route, method and second
 * rather than one per event (a hot route on one partition would otherwise cap the whole application).
 * Any route detector reads the fields it needs; none is specific to one detector.
 *
 * @param method             the HTTP method, or {@code ""} in a version-1 tally (which had none)
 * @param clientErrors       4xx answers
 * @param serverErrors       5xx answers
 * @param loginAttempts      requests to a login route
 * @param loginFailures      of those, answered with a login-failure status
 * @param failuresByIp       failed logins per source address, at most {@link #MAX_IPS}; the rest are counted
 *                           in {@code loginFailures} only
 * @param succeededIps       addresses with a successful login this second, at most {@link #MAX_IPS}: people
 *                           who mistype and then get in are not a botnet
 * @param latencySumMs       sum of the latencies reported (requests without one add nothing)
 * @param latencyMaxMs       the slowest answer
 * @param bytesOut           bytes sent back
 * @param requestsByIp       requests per source address, at most {@link #MAX_IPS} addresses (the first
 *                           seen); the others are counted in {@code requests} only
 * @param newClientRequests  requests from clients first seen within the new-client window
 * @param clients            the distinct source addresses, as a linear-counting sketch
 * @param newClients         the distinct source addresses of new clients, likewise
 */
public record RouteTally(String route, String method, long second, int requests, int clientErrors, int serverErrors,
        int loginAttempts, int loginFailures, Map<String, Integer> failuresByIp, Set<String> succeededIps,
        long latencySumMs, int latencyMaxMs, long bytesOut, Map<String, Integer> requestsByIp, int newClientRequests,
        LinearCounter clients, LinearCounter newClients) {

    public static final int MAX_IPS = 64;
    /** Version 1 (login tallies only) is still decoded, so a tally topic written before an upgrade is read. */
    private static final int VERSION = 2;

    /** A login-only tally as version 1 carried it (and as tests of login detectors build it). */
    public static RouteTally ofLogins(String route, long second, int requests, int loginAttempts, int loginFailures,
            Map<String, Integer> failuresByIp, Set<String> succeededIps) {
        return new RouteTally(route, "", second, requests, 0, 0, loginAttempts, loginFailures, failuresByIp,
                succeededIps, 0, 0, 0, Map.of(), 0, new LinearCounter(), new LinearCounter());
    }

    public byte[] encode(ByteWriter out) {
        out.reset();
        out.writeByte(VERSION);
        out.writeString(route);
        out.writeVarLong(second);
        out.writeVarInt(requests);
        out.writeVarInt(loginAttempts);
        out.writeVarInt(loginFailures);
        writeCounts(out, failuresByIp);
        out.writeVarInt(succeededIps.size());
        succeededIps.forEach(out::writeString);
        out.writeString(method);
        out.writeVarInt(clientErrors);
        out.writeVarInt(serverErrors);
        out.writeVarLong(latencySumMs);
        out.writeVarInt(latencyMaxMs);
        out.writeVarLong(bytesOut);
        writeCounts(out, requestsByIp);
        out.writeVarInt(newClientRequests);
        clients.writeTo(out);
        newClients.writeTo(out);
        return out.toByteArray();
    }

    /** Throws {@link CorruptDataException} on bytes that are not a tally of a known version. */
    public static RouteTally decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        int version = in.readByte();
        if (version != 1 && version != VERSION) {
            throw new CorruptDataException("route tally version " + version + " (this build reads 1 and " + VERSION + ")");
        }
        String route = in.readString();
        long second = in.readVarLong();
        int requests = in.readVarInt();
        int attempts = in.readVarInt();
        int failures = in.readVarInt();
        Map<String, Integer> ips = readCounts(in);
        int m = bounded(in.readVarInt());
        Set<String> ok = new LinkedHashSet<>();
        for (int i = 0; i < m; i++) {
            ok.add(in.readString());
        }
        if (version == 1) {
            return ofLogins(route, second, requests, attempts, failures, ips, ok);
        }
        String method = in.readString();
        int clientErrors = in.readVarInt();
        int serverErrors = in.readVarInt();
        long latencySum = in.readVarLong();
        int latencyMax = in.readVarInt();
        long bytesOut = in.readVarLong();
        Map<String, Integer> byIp = readCounts(in);
        int fresh = in.readVarInt();
        LinearCounter clients = new LinearCounter().readFrom(in);
        LinearCounter newClients = new LinearCounter().readFrom(in);
        if (route == null || method == null) {
            throw new CorruptDataException("route tally without a route or method");
        }
        return new RouteTally(route, method, second, requests, clientErrors, serverErrors, attempts, failures, ips, ok,
                latencySum, latencyMax, bytesOut, byIp, fresh, clients, newClients);
    }

    private static void writeCounts(ByteWriter out, Map<String, Integer> counts) {
        out.writeVarInt(counts.size());
        counts.forEach((ip, n) -> {
            out.writeString(ip);
            out.writeVarInt(n);
        });
    }

    private static Map<String, Integer> readCounts(ByteReader in) {
        int n = bounded(in.readVarInt());
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            counts.put(in.readString(), in.readVarInt());
        }
        return counts;
    }

    private static int bounded(int n) {
        if (n < 0 || n > MAX_IPS) {
            throw new CorruptDataException("route tally lists " + n + " addresses (at most " + MAX_IPS + ")");
        }
        return n;
    }
}
