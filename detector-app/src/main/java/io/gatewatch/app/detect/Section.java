package io.gatewatch.app.detect;

import io.gatewatch.models.codec.ByteWriter;

/** One detector's part of a profile: small, mutable, and written back after every event. */
public interface Section {
    void writeTo(ByteWriter out);
}
