package io.gatewatch.app.detect;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One route's traffic in one second of event time, as seen by one client task: what the route-scope
 * detectors need, summarised, so the route tasks get a record per route and second rather than one per
 * event (a hot route on one partition would otherwise cap the whole application).
 *
 * @param failuresByIp failed logins per source address, at most {@link #MAX_IPS}; the rest are counted in
 *                     {@code loginFailures} only
 * @param succeededIps addresses with a successful login this second, at most {@link #MAX_IPS}: people who
 *                     mistype and then get in are not a botnet
 */
public record RouteTally(String route, long second, int requests, int loginAttempts, int loginFailures,
        Map<String, Integer> failuresByIp, java.util.Set<String> succeededIps) {

    public static final int MAX_IPS = 64;
    private static final int VERSION = 1;

    public byte[] encode(ByteWriter out) {
        out.reset();
        out.writeByte(VERSION);
        out.writeString(route);
        out.writeVarLong(second);
        out.writeVarInt(requests);
        out.writeVarInt(loginAttempts);
        out.writeVarInt(loginFailures);
        out.writeVarInt(failuresByIp.size());
        failuresByIp.forEach((ip, n) -> {
            out.writeString(ip);
            out.writeVarInt(n);
        });
        out.writeVarInt(succeededIps.size());
        succeededIps.forEach(out::writeString);
        return out.toByteArray();
    }

    /** Throws {@link io.gatewatch.models.codec.CorruptDataException} on bytes that are not a tally. */
    public static RouteTally decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        int version = in.readByte();
        if (version != VERSION) {
            throw new io.gatewatch.models.codec.CorruptDataException("route tally version " + version);
        }
        String route = in.readString();
        long second = in.readVarLong();
        int requests = in.readVarInt();
        int attempts = in.readVarInt();
        int failures = in.readVarInt();
        int n = Math.min(in.readVarInt(), MAX_IPS);
        Map<String, Integer> ips = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            ips.put(in.readString(), in.readVarInt());
        }
        int m = Math.min(in.readVarInt(), MAX_IPS);
        java.util.Set<String> ok = new java.util.LinkedHashSet<>();
        for (int i = 0; i < m; i++) {
            ok.add(in.readString());
        }
        return new RouteTally(route, second, requests, attempts, failures, ips, ok);
    }
}
