package io.gatewatch.alerting.format;

import io.gatewatch.schema.detector.AttackTechnique;
import io.gatewatch.schema.detector.DetectorInfo;
import io.gatewatch.schema.detector.DetectorInfos;
import io.gatewatch.schema.detector.OcsfAnalytic;
import java.util.List;

/**
 * The detectors' infos as detector-app's registry declares them, for rendering tests here: alerting may
 * not depend on detector-app. The golden files of {@code FormatGoldenTest} pin what they render to.
 */
public final class TestDetectors {
    private static final List<String> WEB = List.of("web", "intrusion_detection");
    private static final List<String> INFO = List.of("info");

    public static final DetectorInfos STANDARD = new DetectorInfos(List.of(
            new DetectorInfo("credential_stuffing", "Credential stuffing", new AttackTechnique("TA0006", "Credential Access",
                    "T1110", "Brute Force", "T1110.004", "Credential Stuffing"), OcsfAnalytic.RULE,
                    List.of("authentication", "intrusion_detection"), INFO, "docs/detectors/credential_stuffing.md"),
            new DetectorInfo("reconnaissance", "Reconnaissance", new AttackTechnique("TA0043", "Reconnaissance",
                    "T1595", "Active Scanning", "T1595.003", "Wordlist Scanning"), OcsfAnalytic.RULE, WEB, INFO,
                    "docs/detectors/reconnaissance.md"),
            new DetectorInfo("traffic_spike", "Traffic spike", new AttackTechnique("TA0040", "Impact",
                    "T1499", "Endpoint Denial of Service", "T1499.002", "Service Exhaustion Flood"), OcsfAnalytic.STATISTICAL,
                    WEB, INFO, "docs/detectors/traffic_spike.md"),
            new DetectorInfo("data_harvesting", "Data harvesting", new AttackTechnique("TA0009", "Collection",
                    "T1213", "Data from Information Repositories", null, null), OcsfAnalytic.RULE, WEB, INFO,
                    "docs/detectors/data_harvesting.md"),
            new DetectorInfo("anomaly", "Anomalous client behaviour", null, OcsfAnalytic.LEARNING, WEB, INFO,
                    "docs/detectors/anomaly.md")));

    private TestDetectors() {
    }
}
