package io.gatewatch.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.schema.parse.Parsers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** docker-compose.yml is for users (no Docker engine runs in CI): it is validated, not run. */
class ComposeFileTest {
    private static final Path COMPOSE = Path.of("/usr/bin/docker-compose");

    /** The file as docker-compose itself resolves it (anchors merged, all profiles included). */
    private static JsonNode resolved() throws IOException, InterruptedException {
        Path root = RepoFiles.root();
        assumeTrue(root != null, "docker-compose.yml not found above the working directory");
        assumeTrue(Files.isExecutable(COMPOSE), "docker-compose is not installed (Debian package docker-compose; .ci/run installs it)");
        Process p = new ProcessBuilder(COMPOSE.toString(), "-f", root.resolve("docker-compose.yml").toString(),
                "--profile", "gateway", "config").redirectError(ProcessBuilder.Redirect.PIPE).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "docker-compose config did not finish");
        assertEquals(0, p.exitValue(), "docker-compose config: " + err);
        return new ObjectMapper(new YAMLFactory()).readTree(out);
    }

    @Test
    void shouldBeAValidComposeFileWithTheMonitoringServices() throws Exception {
        List<String> services = new ArrayList<>();
        resolved().path("services").fieldNames().forEachRemaining(services::add);
        assertTrue(services.containsAll(List.of("kafka", "gatewatch", "alerting", "prometheus", "grafana", "nginx", "ingest")),
                services.toString());
    }

    @Test
    void shouldKeepKafkaDataOnTheNamedVolumeTheBrokerWritesTo() throws Exception {
        JsonNode kafka = resolved().path("services").path("kafka");
        String logDirs = kafka.path("environment").path("KAFKA_LOG_DIRS").asText();
        assertEquals("/var/lib/kafka/data", logDirs, "the apache/kafka image writes to /tmp/kraft-combined-logs unless told");
        boolean mounted = false;
        for (JsonNode v : kafka.path("volumes")) {
            // docker-compose 1.x renders the short form source:target:mode, Compose v2 the long form.
            String[] shortForm = v.asText().split(":");
            String source = v.isTextual() ? shortForm[0] : v.path("source").asText();
            String target = v.isTextual() && shortForm.length > 1 ? shortForm[1] : v.path("target").asText();
            mounted |= source.equals("kafka-data") && target.equals(logDirs);
        }
        assertTrue(mounted, "kafka-data must be mounted at " + logDirs + ": " + kafka.path("volumes"));
    }

    @Test
    void shouldCheckTheHealthOfDetectorAndAlertingOnTheirMetricsPorts() throws Exception {
        JsonNode services = resolved().path("services");
        for (String name : List.of("gatewatch", "alerting")) {
            String test = services.path(name).path("healthcheck").path("test").toString();
            assertTrue(test.contains("GET /health"), name + " healthcheck: " + test);
            String port = name.equals("gatewatch") ? "9464" : "9465";
            assertTrue(test.contains("/dev/tcp/127.0.0.1/" + port), name + " healthcheck: " + test);
            assertTrue(services.path(name).path("command").toString().contains("\"" + port + "\""), name);
        }
        assertTrue(services.path("gatewatch").path("command").toString().contains("--no-alerting"),
                "alerting runs in its own service, not twice");
        assertEquals("[\"gateway\"]", services.path("nginx").path("profiles").toString());
        assertEquals("[\"gateway\"]", services.path("ingest").path("profiles").toString());
    }

    @Test
    void shouldBuildAMultiStageImageThatRunsAsAnUnprivilegedUser() throws IOException {
        Path root = RepoFiles.root();
        assumeTrue(root != null);
        List<String> lines = Files.readAllLines(root.resolve("Dockerfile"));
        List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertEquals(2, froms.size(), froms.toString());
        assertTrue(froms.get(0).contains("maven") && froms.get(0).contains("temurin-25") && froms.get(0).endsWith("AS build"), froms.get(0));
        assertTrue(froms.get(1).contains("temurin:25-jre"), froms.get(1));
        String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElse("USER root");
        assertNotEquals("root", user.substring(5).split(":")[0].trim(), "the runtime stage's last USER");
        assertTrue(lines.indexOf(user) > lines.indexOf(froms.get(1)), "USER must be set in the runtime stage");
    }

    @Test
    void shouldMountAConfigThatValidates() throws Exception {
        Path root = RepoFiles.root();
        assumeTrue(root != null);
        Parsers parsers = Parsers.standard();
        var config = new ConfigLoader(parsers.names(), n -> List.of()).load(root.resolve("deploy/gatewatch.compose.yaml"));
        assertEquals("kafka:9092", config.kafka().bootstrapServers());
        new ConfigLoader(parsers.names(), n -> List.of()).load(root.resolve("gatewatch.yaml"));
    }
}
