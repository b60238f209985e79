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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code inspect client KEY | inspect route TEMPLATE}: asks a running instance's query API and prints
 * its JSON answer. The token comes from {@code --token} or {@value ApiSettings#TOKEN_ENV}.
 */
@Command(name = "inspect", description = {"Asks a running instance's query API what it knows of a client or a route.",
    "Prints its JSON answer: 'inspect client ip:203.0.113.7' or 'inspect route /api/v1/login'."})
final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "client|route", description = "what to ask about")
    String kind;
    @Parameters(index = "1", paramLabel = "KEY|TEMPLATE", description = "the client key or the route template")
    String subject;
    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:9464",
            description = "base URL of the instance's API (its metrics port)")
    String url;
    @Option(names = "--token", paramLabel = "TOKEN",
            description = "bearer token (default: the environment variable " + ApiSettings.TOKEN_ENV + ")")
    String tokenOption;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    InspectCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    @Override
    public Integer call() throws UsageException, IOException, InterruptedException {
        List<String> what = List.of(kind, subject);
        if (!Set.of("client", "route").contains(what.get(0))) {
            throw new UsageException("inspect: give 'client KEY' or 'route TEMPLATE'");
        }
        String base = url;
        if (!base.matches("https?://[^/?#]+/?")) {
            throw new UsageException("inspect: --url " + base + ": must be the API's base URL, e.g. http://127.0.0.1:9464");
        }
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String path = what.get(0).equals("client")
                ? QueryApi.clientPath(what.get(1))
                : "/routes/" + URLEncoder.encode(what.get(1), StandardCharsets.UTF_8);
        String token = tokenOption != null ? tokenOption : env.get(ApiSettings.TOKEN_ENV);
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
