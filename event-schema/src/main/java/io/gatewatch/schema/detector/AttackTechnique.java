package io.gatewatch.schema.detector;

/**
 * The MITRE ATT&CK tactic and technique a detector's alerts evidence. Sub-technique fields are null
 * when only the parent technique fits.
 */
public record AttackTechnique(
        String tacticId, String tacticName,
        String techniqueId, String techniqueName,
        String subtechniqueId, String subtechniqueName) {

    public AttackTechnique {
        if (tacticId == null || techniqueId == null) {
            throw new IllegalArgumentException("an ATT&CK mapping needs a tactic and a technique");
        }
    }

    public static String reference(String id) {
        return "https://attack.mitre.org/" + (id.startsWith("TA") ? "tactics/" : "techniques/") + id.replace('.', '/') + "/";
    }
}
