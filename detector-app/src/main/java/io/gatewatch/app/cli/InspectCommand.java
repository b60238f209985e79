package io.gatewatch.app.cli;

import io.gatewatch.app.api.QueryApi;
import io.gatewatch.app.config.ApiSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code inspect client KEY | inspect route TEMPLATE}: asks a running instance's query API and prints
 * its JSON answer. The token comes from {@code --token} or {@value ApiSettings#TOKEN_ENV}.
 */
final class InspectCommand {
    static final String USAGE = "inspect client KEY | inspect route TEMPLATE [--url http://127.0.0.1:9464] [--token T]";
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    InspectCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    int run(List<String> argv) throws UsageException, IOException, InterruptedException {
        Args args = Args.parse("inspect", argv, Set.of("--url", "--token"), Set.of(), 2);
        List<String> what = args.operands();
        if (what.size() != 2 || !Set.of("client", "route").contains(what.get(0))) {
            throw new UsageException("inspect: give 'client KEY' or 'route TEMPLATE'");
        }
        String base = args.get("--url", "http://127.0.0.1:9464");
        if (!base.matches("https?://[^/?#]+/?")) {
            throw new UsageException("inspect: --url " + base + ": must be the API's base URL, e.g. http://127.0.0.1:9464");
        }
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String path = what.get(0).equals("client")
                ? QueryApi.clientPath(what.get(1))
                : "/routes/" + URLEncoder.encode(what.get(1), StandardCharsets.UTF_8);
        String token = args.get("--token", env.get(ApiSettings.TOKEN_ENV));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15)).GET();
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("inspect: no answer from " + base + ": " + e.getMessage()
                    + " (is `detector run` or `detector demo` running there? see --url)");
            return 1;
        }
        if (r.statusCode() == 200) {
            out.println(r.body().strip());
            return 0;
        }
        err.println("inspect: " + base + path + " answered HTTP " + r.statusCode() + ": " + r.body().strip());
        return 1;
    }
}
