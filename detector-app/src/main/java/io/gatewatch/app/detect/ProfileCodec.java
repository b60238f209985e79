package io.gatewatch.app.detect;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.models.codec.CorruptDataException;
import java.util.List;

/**
 * The binary profile format, version 2:
 * {@code version(1) firstSeen(varlong) lastSeen-firstSeen(varlong) ip apiKeyHash user (strings)
 * sectionCount(varint) then per section: tag(varint) sectionVersion(1) fingerprint(2) length(2) track section}.
 * Sections are length-prefixed and tagged, so a profile written with a detector that is now disabled or
 * unknown is still readable: its section is skipped and dropped. A section whose version or fingerprint
 * (the config values that shape it) differs from the current detector's is dropped too, and that
 * detector starts afresh for this key: it is never decoded as if it fitted. Neither is corruption.
 * A version-1 profile (before sections carried a fingerprint) is read as a fresh one.
 */
public final class ProfileCodec {
    static final int VERSION = 2;
    private static final int UNFINGERPRINTED_VERSION = 1;
    private final List<SectionCodec> sections;
    private final SectionResets resets;
    private final ByteWriter writer = new ByteWriter(256);

    /** Told when a stored section is dropped because its shape is not the current one. */
    public interface SectionResets {
        SectionResets NONE = (detector, stored, current) -> { };

        /**
         * @param stored  the stored section's {@code version << 16 | fingerprint}, or -1 for a version-1 profile
         * @param current the current {@code version << 16 | fingerprint}
         */
        void reset(String detector, int stored, int current);
    }

    public ProfileCodec(List<Detector<?>> detectors) {
        this(detectors, SectionResets.NONE);
    }

    public ProfileCodec(List<Detector<?>> detectors, SectionResets resets) {
        this(detectors.stream().map(SectionCodec::of).toArray(SectionCodec[]::new), resets);
    }

    private ProfileCodec(SectionCodec[] sections, SectionResets resets) {
        this.sections = List.of(sections);
        this.resets = resets;
    }

    public static ProfileCodec forRoutes(List<RouteDetector<?>> detectors, SectionResets resets) {
        return new ProfileCodec(detectors.stream().map(SectionCodec::of).toArray(SectionCodec[]::new), resets);
    }

    public ClientProfile newProfile() {
        ClientProfile p = new ClientProfile(sections.size());
        for (int i = 0; i < sections.size(); i++) {
            p.sections[i] = sections.get(i).fresh().get();
        }
        return p;
    }

    public ClientProfile decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        int version = in.readByte();
        if (version == UNFINGERPRINTED_VERSION) {
            sections.forEach(s -> resets.reset(s.detector(), -1, shape(s.version(), s.fingerprint())));
            return newProfile();
        }
        if (version != VERSION) {
            throw new CorruptDataException("profile format version " + version + " is not " + VERSION);
        }
        ClientProfile p = new ClientProfile(sections.size());
        p.firstSeen = in.readVarLong();
        p.lastSeen = p.firstSeen + in.readVarLong();
        p.ip = in.readString();
        p.apiKeyHash = in.readString();
        p.user = in.readString();
        int count = in.readVarInt();
        for (int s = 0; s < count; s++) {
            int tag = in.readVarInt();
            int sectionVersion = in.readByte();
            int fingerprint = in.readShort();
            int length = in.readShort();
            int end = in.position() + length;
            int index = indexOf(tag);
            if (index < 0) {
                in.skip(length);
                continue;
            }
            SectionCodec codec = sections.get(index);
            if (sectionVersion != codec.version() || fingerprint != codec.fingerprint()) {
                resets.reset(codec.detector(), shape(sectionVersion, fingerprint), shape(codec.version(), codec.fingerprint()));
                in.skip(length);
                continue;
            }
            p.tracks[index].readFrom(in);
            p.sections[index] = codec.read().apply(in);
            if (in.position() != end) {
                throw new CorruptDataException("section " + tag + " read " + (in.position() - end + length)
                        + " bytes of " + length);
            }
        }
        for (int i = 0; i < sections.size(); i++) {
            if (p.sections[i] == null) {
                p.sections[i] = sections.get(i).fresh().get();
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
        out.writeVarInt(sections.size());
        for (int i = 0; i < sections.size(); i++) {
            SectionCodec codec = sections.get(i);
            out.writeVarInt(codec.tag());
            out.writeByte(codec.version());
            out.patchShort(out.reserveShort(), codec.fingerprint());
            int lengthAt = out.reserveShort();
            int start = out.size();
            p.tracks[i].writeTo(out);
            p.sections[i].writeTo(out);
            int length = out.size() - start;
            if (length > 0xFFFF) {
                throw new IllegalStateException("section " + codec.detector() + " is " + length + " bytes");
            }
            out.patchShort(lengthAt, length);
        }
        return out.toByteArray();
    }

    /** The last-seen time alone, read without decoding the sections: for the expiry scan. */
    public static long lastSeen(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        int version = in.readByte();
        if (version != VERSION && version != UNFINGERPRINTED_VERSION) {
            return 0;
        }
        long first = in.readVarLong();
        return first + in.readVarLong();
    }

    static int shape(int version, int fingerprint) {
        return version << 16 | fingerprint;
    }

    private int indexOf(int tag) {
        for (int i = 0; i < sections.size(); i++) {
            if (sections.get(i).tag() == tag) {
                return i;
            }
        }
        return -1;
    }
}
