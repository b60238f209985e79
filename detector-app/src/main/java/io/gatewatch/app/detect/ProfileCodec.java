package io.gatewatch.app.detect;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.models.codec.CorruptDataException;
import java.util.List;

/**
 * The binary profile format, version 1:
 * {@code version(1) firstSeen(varlong) lastSeen-firstSeen(varlong) ip apiKeyHash user (strings)
 * sectionCount(varint) then per section: tag(1) length(2) track section}.
 * Sections are length-prefixed and tagged, so a profile written with a detector that is now
 * disabled or unknown is still readable: its section is skipped and dropped.
 */
public final class ProfileCodec {
    static final int VERSION = 1;
    private final List<Detector<?>> detectors;
    private final ByteWriter writer = new ByteWriter(256);

    public ProfileCodec(List<Detector<?>> detectors) {
        this.detectors = List.copyOf(detectors);
    }

    public ClientProfile newProfile() {
        ClientProfile p = new ClientProfile(detectors.size());
        for (int i = 0; i < detectors.size(); i++) {
            p.sections[i] = detectors.get(i).newSection();
        }
        return p;
    }

    public ClientProfile decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        int version = in.readByte();
        if (version != VERSION) {
            throw new CorruptDataException("profile format version " + version + " is not " + VERSION);
        }
        ClientProfile p = new ClientProfile(detectors.size());
        p.firstSeen = in.readVarLong();
        p.lastSeen = p.firstSeen + in.readVarLong();
        p.ip = in.readString();
        p.apiKeyHash = in.readString();
        p.user = in.readString();
        int count = in.readVarInt();
        for (int s = 0; s < count; s++) {
            int tag = in.readByte();
            int length = in.readShort();
            int end = in.position() + length;
            int index = indexOf(tag);
            if (index < 0) {
                in.skip(length);
                continue;
            }
            p.tracks[index].readFrom(in);
            p.sections[index] = detectors.get(index).readSection(in);
            if (in.position() != end) {
                throw new CorruptDataException("section " + tag + " read " + (in.position() - end + length)
                        + " bytes of " + length);
            }
        }
        for (int i = 0; i < detectors.size(); i++) {
            if (p.sections[i] == null) {
                p.sections[i] = detectors.get(i).newSection();
            }
        }
        return p;
    }

    /** Not thread-safe: one codec per stream task (processor instance). */
    public byte[] encode(ClientProfile p) {
        ByteWriter out = writer;
        out.reset();
        out.writeByte(VERSION);
        out.writeVarLong(p.firstSeen);
        out.writeVarLong(p.lastSeen - p.firstSeen);
        out.writeString(p.ip);
        out.writeString(p.apiKeyHash);
        out.writeString(p.user);
        out.writeVarInt(detectors.size());
        for (int i = 0; i < detectors.size(); i++) {
            out.writeByte(detectors.get(i).tag());
            int lengthAt = out.reserveShort();
            int start = out.size();
            p.tracks[i].writeTo(out);
            p.sections[i].writeTo(out);
            int length = out.size() - start;
            if (length > 0xFFFF) {
                throw new IllegalStateException("section " + detectors.get(i).id() + " is " + length + " bytes");
            }
            out.patchShort(lengthAt, length);
        }
        return out.toByteArray();
    }

    /** The last-seen time alone, read without decoding the sections: for the expiry scan. */
    public static long lastSeen(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        if (in.readByte() != VERSION) {
            return 0;
        }
        long first = in.readVarLong();
        return first + in.readVarLong();
    }

    private int indexOf(int tag) {
        for (int i = 0; i < detectors.size(); i++) {
            if (detectors.get(i).tag() == tag) {
                return i;
            }
        }
        return -1;
    }
}
