package io.gatewatch.alerting.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.Json;
import io.gatewatch.schema.Timestamps;
import io.gatewatch.schema.detector.AttackTechnique;
import io.gatewatch.schema.detector.DetectorInfo;
import io.gatewatch.schema.detector.DetectorInfos;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An alert as an Elastic Common Schema 8.x document: {@code event.kind: alert}, {@code rule.*},
 * {@code threat.*} with MITRE ATT&CK ids, and everything ECS has no field for under {@code gatewatch.*}.
 * {@code event.severity} follows Elastic's detection-rule scale (21, 47, 73, 99).
 */
public final class EcsFormat {
    public static final String ECS_VERSION = "8.17.0";

    private final ObjectMapper mapper = Json.newMapper();
    private final Product product;
    private final DetectorInfos detectors;

    public EcsFormat(Product product, DetectorInfos detectors) {
        this.product = product;
        this.detectors = detectors;
    }

    public ObjectNode render(Alert a) {
        DetectorInfo detector = detectors.of(a.detector());
        ObjectNode d = mapper.createObjectNode();
        if (a.detectedAt() != null) {
            d.put("@timestamp", Timestamps.format(a.detectedAt()));
        }
        d.putObject("ecs").put("version", ECS_VERSION);
        d.put("message", a.summary());

        ObjectNode event = d.putObject("event");
        event.put("kind", "alert");
        ArrayNode category = event.putArray("category");
        detector.ecsCategories().forEach(category::add);
        ArrayNode type = event.putArray("type");
        detector.ecsTypes().forEach(type::add);
        event.put("severity", severity(a.severity()));
        event.put("risk_score", Math.round(a.score() * 1000) / 10.0);
        event.put("id", a.alertId());
        event.put("action", a.detector());
        event.put("reason", a.summary());
        event.put("dataset", "gatewatch.alert");
        event.put("module", "gatewatch");
        event.put("provider", "gatewatch");
        if (a.firstSeen() != null) {
            event.put("start", Timestamps.format(a.firstSeen()));
        }
        if (a.detectedAt() != null) {
            event.put("end", Timestamps.format(a.detectedAt()));
        }

        ObjectNode rule = d.putObject("rule");
        rule.put("id", "gatewatch." + a.detector());
        rule.put("name", a.detector());
        rule.put("description", detector.title());
        rule.put("ruleset", "gatewatch");
        if (detector.attack() != null) {
            rule.put("category", detector.attack().tacticName());
        }

        d.putObject("observer").put("vendor", product.vendor()).put("product", product.name())
                .put("version", product.version()).put("type", "ids");

        Set<String> ips = new LinkedHashSet<>();
        if (a.client() != null) {
            if (a.client().ip() != null) {
                d.putObject("source").put("ip", a.client().ip());
                ips.add(a.client().ip());
            }
            if (a.client().user() != null) {
                d.putObject("user").put("name", a.client().user());
            }
        }
        ips.addAll(a.sources());
        if (a.route() != null) {
            d.putObject("url").put("path", a.route());
        }
        if (a.method() != null) {
            d.putObject("http").putObject("request").put("method", a.method());
        }
        if (!ips.isEmpty() || (a.client() != null && a.client().user() != null)) {
            ObjectNode related = d.putObject("related");
            if (!ips.isEmpty()) {
                related.set("ip", mapper.valueToTree(List.copyOf(ips)));
            }
            if (a.client() != null && a.client().user() != null) {
                related.putArray("user").add(a.client().user());
            }
        }
        if (detector.attack() != null) {
            d.set("threat", threat(detector.attack()));
        }
        d.set("gatewatch", gatewatch(a));
        return d;
    }

    private ObjectNode threat(AttackTechnique t) {
        ObjectNode threat = mapper.createObjectNode();
        threat.put("framework", "MITRE ATT&CK");
        ObjectNode tactic = threat.putObject("tactic");
        tactic.putArray("id").add(t.tacticId());
        tactic.putArray("name").add(t.tacticName());
        tactic.putArray("reference").add(AttackTechnique.reference(t.tacticId()));
        ObjectNode technique = threat.putObject("technique");
        technique.putArray("id").add(t.techniqueId());
        technique.putArray("name").add(t.techniqueName());
        technique.putArray("reference").add(AttackTechnique.reference(t.techniqueId()));
        if (t.subtechniqueId() != null) {
            ObjectNode sub = technique.putObject("subtechnique");
            sub.putArray("id").add(t.subtechniqueId());
            sub.putArray("name").add(t.subtechniqueName());
            sub.putArray("reference").add(AttackTechnique.reference(t.subtechniqueId()));
        }
        return threat;
    }

    private ObjectNode gatewatch(Alert a) {
        ObjectNode g = mapper.createObjectNode();
        g.put("schema", a.schema());
        g.put("alert_id", a.alertId());
        g.put("revision", a.revision());
        g.put("detector", a.detector());
        g.put("scope", a.scope() == null ? null : a.scope().json());
        g.put("mode", a.mode() == null ? null : a.mode().json());
        g.put("score", a.score());
        if (a.client() != null) {
            g.put("client_key", a.client().key());
            g.put("api_key_hash", a.client().apiKeyHash());
        }
        g.set("sources", mapper.valueToTree(List.copyOf(a.sources())));
        g.set("evidence", mapper.valueToTree(a.evidence()));
        return g;
    }

    static int severity(Alert.Severity s) {
        if (s == null) {
            return 0;
        }
        return switch (s) {
            case LOW -> 21;
            case MEDIUM -> 47;
            case HIGH -> 73;
            case CRITICAL -> 99;
        };
    }
}
