package io.gatewatch.app.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gatewatch.app.config.Allowlist;
import io.gatewatch.app.config.CredentialStuffingConfig;
import io.gatewatch.app.config.DetectorSettings;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.ApiEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialStuffingDetectorTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final CredentialStuffingDetector detector = new CredentialStuffingDetector(new CredentialStuffingConfig(
            new DetectorSettings(true, Alert.Mode.ALERT, Alert.Severity.HIGH, Duration.ofMinutes(15), Allowlist.EMPTY),
            CredentialStuffingConfig.defaultWindows(), List.of(401, 403), List.of(401),
            CredentialStuffingConfig.Botnet.defaults()));

    private static ApiEvent login(Instant t, int status) {
        return ApiEvent.builder().ts(t).clientIp("203.0.113.7").method("POST").path("/api/v1/login")
                .route("/api/v1/login").status(status).build();
    }

    private Finding observe(CredentialStuffingDetector.State s, ApiEvent e, boolean loginRoute) {
        return detector.observe(s, e, new EventFacts(e.ts().toEpochMilli(), "ip:203.0.113.7", e.route(), loginRoute));
    }

    @Test
    void shouldFireOnTheSixthFailureWithinTheBurstWindow() {
        var s = detector.newSection();
        for (int i = 0; i < 5; i++) {
            assertNull(observe(s, login(T0.plusSeconds(i), 401), true));
        }
        Finding f = observe(s, login(T0.plusSeconds(5), 401), true);
        assertNotNull(f);
        assertEquals("burst", f.evidence().get("window"));
        assertEquals(6L, f.evidence().get("failures"));
        assertEquals(5, f.evidence().get("max_failures"));
        assertEquals("max_failures", f.evidence().get("crossed"));
        assertEquals(T0.toEpochMilli(), f.firstSeen());
    }

    @Test
    void shouldCatchASlowRunThatNoBurstWindowSees() {
        var s = detector.newSection();
        Finding last = null;
        for (int i = 0; i < 11; i++) {
            last = observe(s, login(T0.plusSeconds(50L * i), 401), true);
            if (i < 10) {
                assertNull(last, "failure " + (i + 1) + " is within tolerance");
            }
        }
        assertNotNull(last);
        assertEquals("slow", last.evidence().get("window"));
        assertEquals(11L, last.evidence().get("failures"));
    }

    @Test
    void shouldCountAttemptsThatAnApplicationAnswersWith200() {
        var s = detector.newSection();
        Finding f = null;
        for (int i = 0; i < 21; i++) {
            f = observe(s, login(T0.plusMillis(1400L * i), 200), true);
        }
        assertNotNull(f);
        assertEquals("max_attempts", f.evidence().get("crossed"));
        assertEquals(21L, f.evidence().get("attempts"));
    }

    @Test
    void shouldCatchAScriptsPaceEvenWhenEveryLoginIsAnswered200() {
        var s = detector.newSection();
        Finding f = null;
        for (int i = 0; i < 6; i++) {
            f = observe(s, login(T0.plusMillis(500L * i), 200), true);
        }
        assertNotNull(f);
        assertEquals("rapid", f.evidence().get("window"));
        assertEquals(6L, f.evidence().get("attempts"));
        assertEquals("max_attempts", f.evidence().get("crossed"));
    }

    @Test
    void shouldCount401OnAnyRouteButNotOtherErrorsOffLoginRoutes() {
        var s = detector.newSection();
        for (int i = 0; i < 20; i++) {
            assertNull(observe(s, login(T0.plusMillis(100L * i), 403), false));
        }
        Finding f = null;
        for (int i = 0; i < 6; i++) {
            f = observe(s, login(T0.plusMillis(100L * i + 5000), 401), false);
        }
        assertNotNull(f);
    }

    @Test
    void shouldRoundTripItsStateThroughTheProfileCodec() {
        ProfileCodec codec = new ProfileCodec(List.of(detector));
        ClientProfile p = codec.newProfile();
        for (int i = 0; i < 5; i++) {
            observe((CredentialStuffingDetector.State) p.sections[0], login(T0.plusSeconds(i), 401), true);
        }
        ClientProfile back = codec.decode(codec.encode(p));
        assertNotNull(observe((CredentialStuffingDetector.State) back.sections[0], login(T0.plusSeconds(5), 401), true));
    }
}
