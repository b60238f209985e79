package io.gatewatch.alerting.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.Json;
import java.math.BigDecimal;

/**
 * An alert as a Splunk HTTP Event Collector event: {@code time} in epoch seconds with milliseconds, the
 * Alert JSON as {@code event}, and a few indexed {@code fields} (flat strings, as HEC requires).
 */
public final class SplunkHecFormat {
    private final ObjectMapper mapper = Json.newMapper();
    private final String host;
    private final String source;
    private final String sourcetype;
    private final String index;

    /** {@code index} null leaves the token's default index. */
    public SplunkHecFormat(String host, String source, String sourcetype, String index) {
        this.host = host;
        this.source = source;
        this.sourcetype = sourcetype;
        this.index = index;
    }

    public ObjectNode render(Alert a) {
        ObjectNode e = mapper.createObjectNode();
        if (a.detectedAt() != null) {
            e.put("time", BigDecimal.valueOf(a.detectedAt().toEpochMilli(), 3));
        }
        e.put("host", host);
        e.put("source", source);
        e.put("sourcetype", sourcetype);
        if (index != null) {
            e.put("index", index);
        }
        e.set("event", mapper.valueToTree(a));
        ObjectNode fields = e.putObject("fields");
        fields.put("detector", a.detector());
        fields.put("severity", a.severity() == null ? "unknown" : a.severity().json());
        fields.put("scope", a.scope() == null ? "unknown" : a.scope().json());
        fields.put("mode", a.mode() == null ? "alert" : a.mode().json());
        fields.put("alert_id", a.alertId());
        fields.put("revision", Integer.toString(a.revision()));
        return e;
    }
}
