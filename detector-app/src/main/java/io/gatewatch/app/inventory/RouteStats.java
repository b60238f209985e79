package io.gatewatch.app.inventory;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.models.codec.CorruptDataException;
import io.gatewatch.models.sketch.Hashing;
import io.gatewatch.models.window.RingCounter;
import io.gatewatch.schema.ApiEvent;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one stream task knows of one route template: one record of the {@code route-inventory} store.
 * The events topic is keyed by client, so every task holds a partial view of each route; the API
 * merges them ({@link #merge}). Binary format version 1:
 * {@code version(1) firstSeen lastSeen-firstSeen requests errors4xx errors5xx authenticated (varlongs)
 * methodCount (method count)* lastHour clients}.
 */
public final class RouteStats {
    static final int VERSION = 1;
    /** Methods are few in practice; a client inventing verbs cannot grow a record past this. */
    static final int MAX_METHODS = 16;
    static final String OTHER_METHOD = "OTHER";
    static final long HOUR_MS = 3_600_000L;

    long firstSeen;
    long lastSeen;
    long requests;
    long errors4xx;
    long errors5xx;
    long authenticated;
    final Map<String, Long> methods = new TreeMap<>();
    final RingCounter lastHour = new RingCounter(HOUR_MS, 60);
    final DistinctCounter clients = new DistinctCounter();

    /** Counts one request of the route by the client {@code clientKey}. */
    public void add(ApiEvent e, long ts, String clientKey) {
        if (requests == 0 || ts < firstSeen) {
            firstSeen = ts;
        }
        lastSeen = Math.max(lastSeen, ts);
        requests++;
        Integer status = e.status();
        if (status != null && status >= 400 && status < 500) {
            errors4xx++;
        } else if (status != null && status >= 500) {
            errors5xx++;
        }
        if (e.apiKeyHash() != null || e.user() != null) {
            authenticated++;
        }
        String method = e.method() == null ? OTHER_METHOD : e.method();
        if (!methods.containsKey(method) && methods.size() >= MAX_METHODS - 1) {
            method = OTHER_METHOD;
        }
        methods.merge(method, 1L, Long::sum);
        lastHour.add(ts, 1);
        if (clientKey != null) {
            clients.add(Hashing.hash64(clientKey));
        }
    }

    public long firstSeen() {
        return firstSeen;
    }

    public long lastSeen() {
        return lastSeen;
    }

    public long requests() {
        return requests;
    }

    public byte[] encode(ByteWriter out) {
        out.reset();
        out.writeByte(VERSION);
        out.writeVarLong(firstSeen);
        out.writeVarLong(lastSeen - firstSeen);
        out.writeVarLong(requests);
        out.writeVarLong(errors4xx);
        out.writeVarLong(errors5xx);
        out.writeVarLong(authenticated);
        out.writeVarInt(methods.size());
        methods.forEach((m, n) -> {
            out.writeString(m);
            out.writeVarLong(n);
        });
        lastHour.writeTo(out);
        clients.writeTo(out);
        return out.toByteArray();
    }

    public static RouteStats decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        int version = in.readByte();
        if (version != VERSION) {
            throw new CorruptDataException("route inventory format version " + version + " is not " + VERSION);
        }
        RouteStats s = new RouteStats();
        s.firstSeen = in.readVarLong();
        s.lastSeen = s.firstSeen + in.readVarLong();
        s.requests = in.readVarLong();
        s.errors4xx = in.readVarLong();
        s.errors5xx = in.readVarLong();
        s.authenticated = in.readVarLong();
        int methods = in.readVarInt();
        if (methods > MAX_METHODS) {
            throw new CorruptDataException("route inventory record with " + methods + " methods");
        }
        for (int i = 0; i < methods; i++) {
            s.methods.put(in.readString(), in.readVarLong());
        }
        s.lastHour.readFrom(in);
        s.clients.readFrom(in);
        return s;
    }
}
