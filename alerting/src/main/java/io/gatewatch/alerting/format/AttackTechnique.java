package io.gatewatch.alerting.format;

import java.util.Optional;

/**
 * The MITRE ATT&CK tactic and technique a detector's alerts evidence, where one fits. Sub-technique
 * fields are null when only the parent technique fits.
 */
public record AttackTechnique(
        String tacticId, String tacticName,
        String techniqueId, String techniqueName,
        String subtechniqueId, String subtechniqueName) {

    public static Optional<AttackTechnique> forDetector(String detector) {
        return Optional.ofNullable(switch (detector == null ? "" : detector) {
            case "credential_stuffing" -> new AttackTechnique("TA0006", "Credential Access",
                    "T1110", "Brute Force", "T1110.004", "Credential Stuffing");
            // Path and ID enumeration against an API is wordlist scanning of the victim's own surface.
            case "reconnaissance" -> new AttackTechnique("TA0043", "Reconnaissance",
                    "T1595", "Active Scanning", "T1595.003", "Wordlist Scanning");
            // Bulk reads through an application's API: collection from an information repository.
            case "data_harvesting" -> new AttackTechnique("TA0009", "Collection",
                    "T1213", "Data from Information Repositories", null, null);
            // A layer-7 request flood exhausts the web service, not the network link.
            case "traffic_spike" -> new AttackTechnique("TA0040", "Impact",
                    "T1499", "Endpoint Denial of Service", "T1499.002", "Service Exhaustion Flood");
            default -> null;
        });
    }

    public static String reference(String id) {
        return "https://attack.mitre.org/" + (id.startsWith("TA") ? "tactics/" : "techniques/") + id.replace('.', '/') + "/";
    }
}
