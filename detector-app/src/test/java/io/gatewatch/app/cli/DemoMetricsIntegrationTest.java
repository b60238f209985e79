package io.gatewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gatewatch.app.deploy.PromQl;
import io.gatewatch.app.deploy.RepoFiles;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A running {@code demo} (embedded broker, topology, alerting, simulated attacks) scraped as Prometheus
 * would: its /metrics passes promtool, carries the lag series, and has every metric the shipped
 * dashboard and alert rules query; its /health says ready.
 */
class DemoMetricsIntegrationTest {
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    /** Series that exist only once partitions are assigned, alerts fired and alerting consumed them. */
    private static final List<String> AWAITED = List.of("kafka_consumer_fetch_manager_records_lag{",
            "gatewatch_alerts_total{", "kafka_stream_client_state{", "gatewatch_alerting_received_total{",
            "kafka_stream_state_estimate_num_keys{");

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldServePromtoolCleanMetricsWithEverySeriesTheDashboardAndRulesQuery() throws Exception {
        Path root = RepoFiles.root();
        assumeTrue(root != null, "not inside a checkout");
        int port = freePort();
        AtomicReference<CliRun> result = new AtomicReference<>();
        Thread demo = Thread.ofPlatform().name("demo-under-test").start(() ->
                result.set(CliRun.of("demo", "--duration", "150s", "--metrics-port", Integer.toString(port))));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI base = URI.create("http://127.0.0.1:" + port);
        try {
            String scrape = awaitSeries(http, base, demo, result);

            HttpResponse<String> health = get(http, base.resolve("/health"));
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().contains("\"state\":\"RUNNING\"") && health.body().contains("\"ready\":true"), health.body());

            Set<String> served = seriesNames(scrape);
            Set<String> queried = new TreeSet<>();
            List<String> exprs = new ArrayList<>(PromQl.dashboardExprs(root.resolve("deploy/grafana/dashboards/gatewatch.json")));
            exprs.addAll(PromQl.ruleExprs(root.resolve("deploy/prometheus/rules.yml")));
            exprs.forEach(e -> queried.addAll(PromQl.metricNames(e)));
            queried.removeAll(PromQl.SYNTHETIC);
            assertTrue(queried.size() >= 20, queried.toString());
            Set<String> missing = new TreeSet<>(queried);
            missing.removeAll(served);
            assertEquals(Set.of(), missing, "queried by deploy/grafana or deploy/prometheus but not on a demo's /metrics");

            double eventTimeLag = value(scrape, "gatewatch_event_time_lag_seconds");
            assertTrue(eventTimeLag >= -1 && eventTimeLag < 60, "live demo traffic: event-time lag " + eventTimeLag + " s");

            assumeTrue(Files.isExecutable(PROMTOOL), "promtool is not installed (Debian package prometheus; .ci/run installs it)");
            Process p = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
            try (var in = p.getOutputStream()) {
                in.write(scrape.getBytes(StandardCharsets.UTF_8));
            }
            String problems = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
            assertEquals("", problems.strip(), "promtool check metrics");
            assertEquals(0, p.exitValue(), problems);
        } finally {
            demo.interrupt();
            demo.join(Duration.ofSeconds(90));
        }
    }

    private static String awaitSeries(HttpClient http, URI base, Thread demo, AtomicReference<CliRun> result)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!demo.isAlive()) {
                fail("the demo ended early: " + result.get());
            }
            try {
                HttpResponse<String> r = get(http, base.resolve("/metrics"));
                last = r.body();
                if (r.statusCode() == 200 && AWAITED.stream().allMatch(last::contains)) {
                    return last;
                }
            } catch (IOException notListeningYet) {
                // the broker starts first; the port opens after it
            }
            Thread.sleep(2_000);
        }
        String scraped = last;
        return fail("series never appeared: " + AWAITED.stream().filter(s -> !scraped.contains(s)).toList()
                + " in " + last.length() + " chars of /metrics");
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Names of the series in a Prometheus text exposition (as queried: with _bucket, _count, _sum). */
    private static Set<String> seriesNames(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private static double value(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).strip());
            }
        }
        return fail(series + " is not on /metrics");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
