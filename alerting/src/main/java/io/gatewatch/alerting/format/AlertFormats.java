package io.gatewatch.alerting.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.Json;
import io.gatewatch.schema.detector.DetectorInfos;

/** Renders an alert as one line of a chosen {@link AlertFormat}, for files, topics and syslog. */
public final class AlertFormats {
    private final ObjectMapper mapper = Json.newMapper();
    private final OcsfFormat ocsf;
    private final EcsFormat ecs;
    private final CefFormat cef;
    private final SplunkHecFormat hec;

    public AlertFormats(Product product, String hostname, DetectorInfos detectors) {
        this.ocsf = new OcsfFormat(product, detectors);
        this.ecs = new EcsFormat(product, detectors);
        this.cef = new CefFormat(product, detectors);
        this.hec = new SplunkHecFormat(hostname, "gatewatch", "gatewatch:alert", null);
    }

    public String line(AlertFormat format, Alert a) {
        try {
            return switch (format) {
                case ALERT -> mapper.writeValueAsString(a);
                case OCSF -> mapper.writeValueAsString(ocsf.render(a));
                case ECS -> mapper.writeValueAsString(ecs.render(a));
                case CEF -> cef.render(a);
                case SPLUNK_HEC -> mapper.writeValueAsString(hec.render(a));
            };
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("alert cannot be written as " + format.configName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
