package io.gatewatch.app.detect;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;

/** Where one (key, detector) pair stands with its current alert: the state behind cooldown and updates. */
final class AlertTrack {
    long firstSeen;
    long lastFinding;
    int revision;
    long reportedMagnitude;

    boolean isActive() {
        return firstSeen != 0;
    }

    void writeTo(ByteWriter out) {
        out.writeVarLong(firstSeen);
        if (firstSeen != 0) {
            out.writeVarLong(lastFinding - firstSeen);
            out.writeVarInt(revision);
            out.writeVarLong(reportedMagnitude);
        }
    }

    void readFrom(ByteReader in) {
        firstSeen = in.readVarLong();
        if (firstSeen != 0) {
            lastFinding = firstSeen + in.readVarLong();
            revision = in.readVarInt();
            reportedMagnitude = in.readVarLong();
        }
    }
}
