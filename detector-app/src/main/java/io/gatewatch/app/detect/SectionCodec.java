package io.gatewatch.app.detect;

import io.gatewatch.models.codec.ByteReader;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How a profile stores one detector's section: its tag, and the version and fingerprint a stored section
 * must carry to be read back.
 */
record SectionCodec(String detector, int tag, int version, int fingerprint, Supplier<Section> fresh,
        Function<ByteReader, Section> read) {

    static SectionCodec of(Detector<?> d) {
        return new SectionCodec(d.id(), d.descriptor().state().tag(), d.descriptor().state().version(), d.fingerprint(),
                d::newSection, d::readSection);
    }

    static SectionCodec of(RouteDetector<?> d) {
        return new SectionCodec(d.id(), d.routeTag(), d.descriptor().state().version(), d.fingerprint(),
                d::newSection, d::readSection);
    }
}
