package io.gatewatch.app.detect;

import io.gatewatch.app.config.DetectorConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.zip.CRC32;

/**
 * A detector's section of the binary profile: its tag, the version of its layout, and the config values
 * that shape it (window counts and lengths, bucket counts). A section is stored with a fingerprint of
 * (version, shape); one written under another fingerprint is dropped on read, never decoded as if it fitted.
 *
 * @param tag     names the section in the profile, unique in a registry; never reuse a retired one
 * @param version bump when the section's byte layout changes
 * @param shape   the config values that shape the section, in a stable order (records print stably)
 * @param <C>     the detector's config record
 */
public record StateSection<C extends DetectorConfig>(int tag, int version, Function<C, List<?>> shape) {

    public StateSection {
        if (tag < 1 || tag > 127) {
            throw new IllegalArgumentException("state tag " + tag + " must be 1..127 (one varint byte)");
        }
        if (version < 0 || version > 255) {
            throw new IllegalArgumentException("state version " + version + " must fit a byte");
        }
    }

    /** Two bytes of CRC-32 over the version and the shaping values: what a stored section must match. */
    public int fingerprint(C config) {
        CRC32 crc = new CRC32();
        crc.update((version + "|" + shape.apply(config)).getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() & 0xFFFF);
    }
}
