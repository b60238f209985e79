package io.gatewatch.app.detect;

import io.gatewatch.schema.Alert;
import java.util.List;
import java.util.Map;

/**
 * A detector's verdict that a threshold is crossed, before cooldown decides whether it becomes a new
 * alert, an update or nothing.
 *
 * @param magnitude the size of the attack in the detector's own unit (failures, probes, ids, ...):
 *                  an update is sent each time it doubles, so a long attack makes few messages
 * @param severity  the severity for this finding (a detector may raise its configured one)
 * @param firstSeen event time (epoch ms) of the first event of the evidence
 */
public record Finding(
        long firstSeen,
        long magnitude,
        double score,
        Alert.Severity severity,
        String route,
        String method,
        String summary,
        Map<String, Object> evidence,
        List<String> sources) {
}
