package io.gatewatch.app.whatif;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gatewatch.schema.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a proposed config changes over one log, against the current one: per detector, the alerts that
 * appear (raised by the proposed config only) and disappear (by the current one only), with their clients
 * or routes. As a table for people and as JSON for scripts.
 *
 * @param lines the log lines both configs read
 */
public record WhatIfReport(String proposed, String current, String input, long lines, List<AlertDiff.Detector> detectors) {

    public String text() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("what-if over %s (%,d lines): %s against %s%n", input, lines, proposed, current));
        if (detectors.isEmpty()) {
            out.append("no detector alerted under either config\n");
        }
        for (AlertDiff.Detector d : detectors) {
            if (d.unchanged()) {
                out.append(String.format("%s: %,d alert%s under both, the same clients and routes%n", d.detector(),
                        d.currentAlerts(), d.currentAlerts() == 1 ? "" : "s"));
                continue;
            }
            out.append(String.format("%s: %,d alert%s → %,d; %d appear, %d disappear%n", d.detector(), d.currentAlerts(),
                    d.currentAlerts() == 1 ? "" : "s", d.proposedAlerts(), d.appear().size(), d.disappear().size()));
            d.appear().forEach(s -> out.append(line('+', s)));
            d.disappear().forEach(s -> out.append(line('-', s)));
        }
        return out.toString();
    }

    private static String line(char sign, AlertDiff.Subject s) {
        return String.format("  %c %s%s  first %s  %s%s  (%d alert%s)%n", sign, s.key(),
                s.route() == null || s.key().equals("route:" + s.route()) ? "" : "  on " + s.route(),
                s.firstDetectedAt(), s.severity(), s.mode().equals("alert") ? "" : " " + s.mode(), s.alerts(),
                s.alerts() == 1 ? "" : "s");
    }

    public String json() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("proposed", proposed);
        body.put("current", current);
        body.put("input", input);
        body.put("lines", lines);
        List<Map<String, Object>> ds = new ArrayList<>();
        for (AlertDiff.Detector d : detectors) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("detector", d.detector());
            m.put("current_alerts", d.currentAlerts());
            m.put("proposed_alerts", d.proposedAlerts());
            m.put("appear", d.appear().stream().map(WhatIfReport::subject).toList());
            m.put("disappear", d.disappear().stream().map(WhatIfReport::subject).toList());
            ds.add(m);
        }
        body.put("detectors", ds);
        try {
            return Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(body) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of texts and numbers always serialises", e);
        }
    }

    private static Map<String, Object> subject(AlertDiff.Subject s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", s.key());
        m.put("route", s.route());
        m.put("mode", s.mode());
        m.put("first_detected_at", s.firstDetectedAt().toString());
        m.put("severity", s.severity());
        m.put("alerts", s.alerts());
        return m;
    }
}
