package io.gatewatch.app.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.gatewatch.app.reload.ConfigDiff;
import io.gatewatch.app.reload.ConfigReloader;
import io.gatewatch.app.reload.ReloadOutcome;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /config/reload}: reloads the config file now and answers what happened: 200 applied or
 * unchanged, 409 refused (a key that needs a restart changed), 422 the file does not validate; the
 * running config stays on 409 and 422. Behind the same optional bearer token as the query API.
 */
public final class ReloadEndpoint implements HttpHandler {
    public static final String PATH = "/config/reload";
    private final ConfigReloader reloader;
    private final BearerToken token;
    private final HttpReplies replies = new HttpReplies();

    /** @param reloader null when the instance runs on the built-in defaults: there is no file to reload */
    public ReloadEndpoint(ConfigReloader reloader, String apiToken) {
        this.reloader = reloader;
        this.token = BearerToken.of(apiToken);
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestURI().getRawPath().equals(PATH)) {
                replies.error(ex, 404, "no such path: " + ex.getRequestURI().getRawPath());
            } else if (!"POST".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "POST");
                replies.error(ex, 405, "POST reloads the config");
            } else if (token != null && !token.accepts(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"gatewatch\"");
                replies.error(ex, 401, "a bearer token is required (Authorization: Bearer ...)");
            } else if (reloader == null) {
                replies.error(ex, 409, "this instance runs on the built-in defaults (no --config): there is no file to reload");
            } else {
                ReloadOutcome outcome = reloader.reload("POST " + PATH);
                replies.json(ex, status(outcome), body(outcome));
            }
        }
    }

    private static int status(ReloadOutcome outcome) {
        return switch (outcome) {
            case ReloadOutcome.Applied a -> 200;
            case ReloadOutcome.Unchanged u -> 200;
            case ReloadOutcome.Refused r -> 409;
            case ReloadOutcome.Invalid i -> 422;
        };
    }

    private static Map<String, Object> body(ReloadOutcome outcome) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", outcome.name());
        body.put("generation", outcome.generation());
        switch (outcome) {
            case ReloadOutcome.Applied a -> body.put("changes", changes(a.changes()));
            case ReloadOutcome.Refused r -> {
                body.put("refused", r.reasons());
                body.put("changes", changes(r.changes()));
            }
            case ReloadOutcome.Invalid i -> body.put("problems", i.problems());
            case ReloadOutcome.Unchanged u -> { }
        }
        return body;
    }

    private static List<Map<String, Object>> changes(List<ConfigDiff.Change> changes) {
        return changes.stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", c.key());
            m.put("before", c.before());
            m.put("after", c.after());
            m.put("live", c.live());
            return m;
        }).toList();
    }
}
