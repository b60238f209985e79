package io.gatewatch.app.detect;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.models.codec.CorruptDataException;
import io.gatewatch.models.sketch.QuantileSketch;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one population's clients usually do: a quantile sketch per metric ({@code traffic_spike.peak_rate},
 * ...), and when it was last fed. Stored as {@code version(1) lastFed(varlong) count(varint)} then per
 * metric {@code name(string) length(varint) KLL bytes}.
 */
final class PopulationProfile {
    static final int VERSION = 1;
    final Map<String, QuantileSketch> sketches = new LinkedHashMap<>();
    long lastFed;
    boolean dirty;

    byte[] encode() {
        ByteWriter out = new ByteWriter(1024);
        out.writeByte(VERSION);
        out.writeVarLong(lastFed);
        out.writeVarInt(sketches.size());
        for (Map.Entry<String, QuantileSketch> e : sketches.entrySet()) {
            out.writeString(e.getKey());
            byte[] bytes = e.getValue().toBytes();
            out.writeVarInt(bytes.length);
            out.writeBytes(bytes, 0, bytes.length);
        }
        return out.toByteArray();
    }

    static PopulationProfile decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        int version = in.readByte();
        if (version != VERSION) {
            throw new CorruptDataException("population profile version " + version + " is not " + VERSION);
        }
        PopulationProfile p = new PopulationProfile();
        p.lastFed = in.readVarLong();
        int count = in.readVarInt();
        for (int i = 0; i < count; i++) {
            String name = in.readString();
            int length = in.readVarInt();
            if (length < 0 || length > bytes.length - in.position()) {
                throw new CorruptDataException("population sketch " + name + " claims " + length + " bytes");
            }
            p.sketches.put(name, QuantileSketch.fromBytes(java.util.Arrays.copyOfRange(bytes, in.position(),
                    in.position() + length)));
            in.skip(length);
        }
        return p;
    }
}
