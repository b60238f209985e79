package io.gatewatch.alerting.format;

import io.gatewatch.schema.detector.AttackTechnique;
import io.gatewatch.schema.detector.DetectorInfo;
import io.gatewatch.schema.detector.DetectorInfos;
import io.gatewatch.schema.detector.OcsfAnalytic;
import java.util.List;

/**
 * The detectors' infos as detector-app's registry declares them, for rendering tests here: alerting may
 * not depend on detector-app. detector-app's {@code DetectorRegistryTest} checks this copy against the real one.
 */
public final class TestDetectors {
    private static final List<String> WEB = List.of("web", "intrusion_detection");
    private static final List<String> INFO = List.of("info");

    public static final DetectorInfos STANDARD = new DetectorInfos(List.of(
            new DetectorInfo("credential_stuffing", "Credential stuffing", new AttackTechnique("TA0006", "Credential Access",
                    "T1110", "Brute Force", "T1110.004", "Credential Stuffing"), OcsfAnalytic.RULE,
                    List.of("authentication", "intrusion_detection"), INFO, "docs/detectors.md#credential_stuffing"),
            new DetectorInfo("reconnaissance", "Reconnaissance", new AttackTechnique("TA0043", "Reconnaissance",
                    "T1595", "Active Scanning", "T1595.003", "Wordlist Scanning"), OcsfAnalytic.RULE, WEB, INFO,
                    "docs/detectors.md#reconnaissance"),
            new DetectorInfo("traffic_spike", "Traffic spike", new AttackTechnique("TA0040", "Impact",
                    "T1499", "Endpoint Denial of Service", "T1499.002", "Service Exhaustion Flood"), OcsfAnalytic.STATISTICAL,
                    WEB, INFO, "docs/detectors.md#traffic_spike"),
            new DetectorInfo("data_harvesting", "Data harvesting", new AttackTechnique("TA0009", "Collection",
                    "T1213", "Data from Information Repositories", null, null), OcsfAnalytic.RULE, WEB, INFO,
                    "docs/detectors.md#data_harvesting"),
            new DetectorInfo("anomaly", "Anomalous client behaviour", null, OcsfAnalytic.LEARNING, WEB, INFO,
                    "docs/detectors.md#anomaly")));

    private TestDetectors() {
    }
}
