package io.gatewatch.app.detect;

import io.gatewatch.app.config.DetectorSettings;
import java.time.Duration;

/**
 * Turns findings into alert decisions. The first finding opens an alert; later findings within the
 * cooldown (measured from the last finding, so a continuing attack stays one alert) are updates, sent
 * only when the attack's magnitude has doubled since the last message: a flood of findings becomes a
 * handful of messages whose count grows logarithmically with the attack.
 */
final class AlertGate {

    enum Decision { NEW, UPDATE, QUIET }

    private AlertGate() {
    }

    static Decision decide(AlertTrack track, Finding f, long now, DetectorSettings settings) {
        Duration cooldown = settings.cooldown();
        if (track.isActive() && now - track.lastFinding <= cooldown.toMillis()) {
            track.lastFinding = Math.max(track.lastFinding, now);
            if (f.magnitude() >= 2 * Math.max(1, track.reportedMagnitude)) {
                track.revision++;
                track.reportedMagnitude = f.magnitude();
                return Decision.UPDATE;
            }
            return Decision.QUIET;
        }
        track.firstSeen = Math.max(1, now);
        track.lastFinding = now;
        track.revision = 0;
        track.reportedMagnitude = f.magnitude();
        return Decision.NEW;
    }
}
