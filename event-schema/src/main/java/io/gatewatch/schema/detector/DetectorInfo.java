package io.gatewatch.schema.detector;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the alert formats need to know about a detector, declared once by the detector itself (in
 * detector-app's registry) and looked up by an alert's {@code detector} id. It lives in event-schema so
 * that the alerting module can render any detector without depending on the detectors.
 *
 * @param id            the {@code detector} field of its alerts
 * @param title         how people read it, e.g. {@code Credential stuffing}
 * @param attack        the ATT&CK technique its alerts evidence, or null when none fits
 * @param analytic      OCSF's analytic type of its findings
 * @param ecsCategories ECS {@code event.category} values, in order
 * @param ecsTypes      ECS {@code event.type} values, in order
 * @param docPage       where analysts read about it, relative to the repository root
 */
public record DetectorInfo(
        String id,
        String title,
        AttackTechnique attack,
        OcsfAnalytic analytic,
        List<String> ecsCategories,
        List<String> ecsTypes,
        String docPage) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public DetectorInfo {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("detector id " + id + " must be lower-case letters, digits and _");
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("detector " + id + " needs a title");
        }
        ecsCategories = List.copyOf(ecsCategories);
        ecsTypes = List.copyOf(ecsTypes);
    }

    /**
     * The neutral mapping for an id no registry declares (an alert from a newer detector, or a grouped
     * one): a title made from the id, no ATT&CK technique, analytic type unknown.
     */
    public static DetectorInfo generic(String id) {
        String shown = id == null || id.isEmpty() ? "Alert"
                : Character.toUpperCase(id.charAt(0)) + id.substring(1).replace('_', ' ');
        return new DetectorInfo(id == null || !ID.matcher(id).matches() ? "unknown" : id, shown, null,
                OcsfAnalytic.UNKNOWN, List.of("web", "intrusion_detection"), List.of("info"), null);
    }

    /** The CEF {@code Device Event Class ID}: the detector id, stable for SIEM rules to match on. */
    public String cefSignature() {
        return id;
    }

    /** The ECS {@code rule.id} and OCSF {@code analytic.uid}. */
    public String ruleId() {
        return "gatewatch." + id.toLowerCase(Locale.ROOT);
    }
}
