package io.gatewatch.alerting.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.Json;
import io.gatewatch.schema.detector.AttackTechnique;
import io.gatewatch.schema.detector.DetectorInfo;
import io.gatewatch.schema.detector.DetectorInfos;
import java.time.Instant;
import java.util.List;

/**
 * An alert as an OCSF 1.4 Detection Finding (class 2004, category 2 Findings). Revision 0 is activity
 * Create (type 200401), later revisions Update (200402) of the same {@code finding_info.uid}. Numbers
 * that OCSF has no place for travel under {@code unmapped.gatewatch}.
 */
public final class OcsfFormat {
    public static final String OCSF_VERSION = "1.4.0";
    public static final int CLASS_UID = 2004;
    public static final int CATEGORY_UID = 2;

    private final ObjectMapper mapper = Json.newMapper();
    private final Product product;
    private final DetectorInfos detectors;

    public OcsfFormat(Product product, DetectorInfos detectors) {
        this.product = product;
        this.detectors = detectors;
    }

    public ObjectNode render(Alert a) {
        int activity = a.isUpdate() ? 2 : 1;
        String activityName = a.isUpdate() ? "Update" : "Create";
        ObjectNode f = mapper.createObjectNode();
        f.put("class_uid", CLASS_UID);
        f.put("class_name", "Detection Finding");
        f.put("category_uid", CATEGORY_UID);
        f.put("category_name", "Findings");
        f.put("activity_id", activity);
        f.put("activity_name", activityName);
        f.put("type_uid", CLASS_UID * 100 + activity);
        f.put("type_name", "Detection Finding: " + activityName);
        putTime(f, "time", a.detectedAt());
        f.put("severity_id", severityId(a.severity()));
        f.put("severity", AlertText.severityCaption(a.severity()));
        f.put("status_id", 1);
        f.put("status", "New");
        f.put("is_alert", a.mode() != Alert.Mode.SHADOW);
        f.put("confidence_id", confidenceId(a.score()));
        f.put("confidence", switch (confidenceId(a.score())) {
            case 3 -> "High";
            case 2 -> "Medium";
            default -> "Low";
        });
        f.put("confidence_score", (int) Math.round(Math.clamp(a.score(), 0.0, 1.0) * 100));
        f.put("message", a.summary());
        putTime(f, "start_time", a.firstSeen());
        putTime(f, "end_time", a.detectedAt());
        f.set("finding_info", findingInfo(a));
        f.set("metadata", metadata(a));
        f.set("evidences", evidences(a));
        if (a.route() != null) {
            ArrayNode resources = f.putArray("resources");
            resources.addObject().put("type", "API route").put("name", AlertText.endpoint(a));
        }
        ArrayNode observables = observables(a);
        if (!observables.isEmpty()) {
            f.set("observables", observables);
        }
        f.set("unmapped", mapper.createObjectNode().set("gatewatch", unmapped(a)));
        return f;
    }

    /** OCSF confidence_id from the alert's score: 1 Low below 0.5, 2 Medium below 0.8, 3 High. */
    static int confidenceId(double score) {
        return score >= 0.8 ? 3 : score >= 0.5 ? 2 : 1;
    }

    /**
     * The values a SIEM pivots on, each named by where it sits in this finding and typed with OCSF's
     * observable type_id: 2 IP Address, 4 User Name, 6 URL String, 19 User Credential ID (the keyed hash of
     * an API key, never the key).
     */
    private ArrayNode observables(Alert a) {
        ArrayNode list = mapper.createArrayNode();
        if (a.scope() == Alert.Scope.CLIENT || a.sources().isEmpty()) {
            Alert.Client c = a.client();
            if (c != null && c.ip() != null) {
                observable(list, "evidences[0].src_endpoint.ip", 2, "IP Address", c.ip());
            }
            if (c != null && c.user() != null) {
                observable(list, "evidences[0].actor.user.name", 4, "User Name", c.user());
            }
            if (c != null && c.apiKeyHash() != null) {
                observable(list, "evidences[0].actor.user.credential_uid", 19, "User Credential ID", c.apiKeyHash());
            }
        } else {
            for (int i = 0; i < a.sources().size(); i++) {
                observable(list, "evidences[" + i + "].src_endpoint.ip", 2, "IP Address", a.sources().get(i));
            }
        }
        if (a.route() != null) {
            observable(list, "evidences[0].http_request.url.path", 6, "URL String", a.route());
        }
        return list;
    }

    private static void observable(ArrayNode list, String name, int typeId, String type, String value) {
        list.addObject().put("name", name).put("type_id", typeId).put("type", type).put("value", value);
    }

    private ObjectNode findingInfo(Alert a) {
        ObjectNode info = mapper.createObjectNode();
        info.put("uid", a.alertId());
        DetectorInfo detector = detectors.of(a.detector());
        info.put("title", AlertText.title(a, detectors));
        info.put("desc", a.summary());
        info.putArray("types").add(a.detector());
        putTime(info, "first_seen_time", a.firstSeen());
        putTime(info, "last_seen_time", a.detectedAt());
        ObjectNode analytic = info.putObject("analytic");
        analytic.put("uid", "gatewatch." + a.detector());
        analytic.put("name", a.detector());
        analytic.put("type_id", detector.analytic().typeId());
        analytic.put("type", detector.analytic().caption());
        AttackTechnique t = detector.attack();
        if (t != null) {
            ObjectNode attack = info.putArray("attacks").addObject();
            attack.putObject("tactic").put("uid", t.tacticId()).put("name", t.tacticName());
            attack.putObject("technique").put("uid", t.techniqueId()).put("name", t.techniqueName());
            if (t.subtechniqueId() != null) {
                attack.putObject("sub_technique").put("uid", t.subtechniqueId()).put("name", t.subtechniqueName());
            }
        }
        return info;
    }

    private ObjectNode metadata(Alert a) {
        ObjectNode m = mapper.createObjectNode();
        m.put("version", OCSF_VERSION);
        m.put("uid", a.alertId() + "/" + a.revision());
        m.putObject("product").put("name", product.name()).put("vendor_name", product.vendor()).put("version", product.version());
        return m;
    }

    private ArrayNode evidences(Alert a) {
        ArrayNode list = mapper.createArrayNode();
        if (a.scope() == Alert.Scope.CLIENT || a.sources().isEmpty()) {
            ObjectNode e = list.addObject();
            String ip = a.client() == null ? null : a.client().ip();
            if (ip != null) {
                e.putObject("src_endpoint").put("ip", ip);
            }
            if (a.client() != null && (a.client().user() != null || a.client().apiKeyHash() != null)) {
                ObjectNode user = e.putObject("actor").putObject("user");
                if (a.client().user() != null) {
                    user.put("name", a.client().user());
                }
                if (a.client().apiKeyHash() != null) {
                    user.put("credential_uid", a.client().apiKeyHash());
                }
            }
            if (e.isEmpty() && a.route() != null) {
                // OCSF wants at least one of src_endpoint, actor, url... in each evidence; http_request alone is not.
                e.putObject("url").put("path", a.route());
            }
            httpRequest(e, a);
            if (e.isEmpty()) {
                e.set("data", mapper.valueToTree(a.evidence()));
            }
        } else {
            for (String ip : a.sources()) {
                ObjectNode e = list.addObject();
                e.putObject("src_endpoint").put("ip", ip);
                httpRequest(e, a);
            }
        }
        return list;
    }

    private static void httpRequest(ObjectNode e, Alert a) {
        if (a.method() == null && a.route() == null) {
            return;
        }
        ObjectNode req = e.putObject("http_request");
        if (a.method() != null) {
            req.put("http_method", a.method());
        }
        if (a.route() != null) {
            req.putObject("url").put("path", a.route());
        }
    }

    private ObjectNode unmapped(Alert a) {
        ObjectNode u = mapper.createObjectNode();
        u.put("schema", a.schema());
        u.put("revision", a.revision());
        u.put("scope", a.scope() == null ? null : a.scope().json());
        u.put("mode", a.mode() == null ? null : a.mode().json());
        u.put("score", a.score());
        if (a.client() != null) {
            u.put("client_key", a.client().key());
            u.put("api_key_hash", a.client().apiKeyHash());
        }
        u.set("sources", mapper.valueToTree(List.copyOf(a.sources())));
        u.set("evidence", mapper.valueToTree(a.evidence()));
        return u;
    }

    static int severityId(Alert.Severity s) {
        if (s == null) {
            return 0;
        }
        return switch (s) {
            case LOW -> 2;
            case MEDIUM -> 3;
            case HIGH -> 4;
            case CRITICAL -> 5;
        };
    }

    private static void putTime(ObjectNode node, String field, Instant t) {
        if (t != null) {
            node.put(field, t.toEpochMilli());
        }
    }
}
