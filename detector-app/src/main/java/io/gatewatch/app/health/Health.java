package io.gatewatch.app.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /health}: readiness of every check (200 when all are ready, else 503 with the reasons);
 * {@code GET /health/live}: liveness (503 only when a part is dead and the process should be restarted).
 */
public final class Health implements HttpHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<HealthCheck> checks;

    public Health(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /** The verdict and the body {@code /health} (readiness) or {@code /health/live} (liveness) answers with. */
    public Report report(boolean liveness) {
        boolean live = true;
        boolean ready = true;
        List<String> reasons = new ArrayList<>();
        Map<String, Object> parts = new LinkedHashMap<>();
        for (HealthCheck c : checks) {
            HealthCheck.Status s;
            try {
                s = c.check();
            } catch (RuntimeException e) {
                s = new HealthCheck.Status(true, false, "UNKNOWN", "check failed: " + e, Map.of());
            }
            live &= s.live();
            ready &= s.ready();
            if (s.reason() != null) {
                reasons.add(c.name() + ": " + s.reason());
            }
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("state", s.state());
            part.put("live", s.live());
            part.put("ready", s.ready());
            if (s.reason() != null) {
                part.put("reason", s.reason());
            }
            part.putAll(s.details());
            parts.put(c.name(), part);
        }
        boolean ok = liveness ? live : live && ready;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ok ? "UP" : "DOWN");
        body.put("live", live);
        body.put("ready", live && ready);
        if (!reasons.isEmpty()) {
            body.put("reason", String.join("; ", reasons));
        }
        body.put("checks", parts);
        return new Report(ok, body);
    }

    public record Report(boolean ok, Map<String, Object> body) {
        public int httpStatus() {
            return ok ? 200 : 503;
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().add("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            boolean liveness = path.equals("/health/live");
            if (!liveness && !path.equals("/health") && !path.equals("/health/ready")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            Report r = report(liveness);
            byte[] body = JSON.writeValueAsBytes(r.body());
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(r.httpStatus(), -1);
                return;
            }
            exchange.sendResponseHeaders(r.httpStatus(), body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        }
    }
}
