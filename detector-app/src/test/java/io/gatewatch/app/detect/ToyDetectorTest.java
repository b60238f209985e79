package io.gatewatch.app.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewatch.alerting.format.AlertFormat;
import io.gatewatch.alerting.format.AlertFormats;
import io.gatewatch.alerting.format.ConsoleFormat;
import io.gatewatch.alerting.format.Product;
import io.gatewatch.alerting.format.SlackFormat;
import io.gatewatch.alerting.format.WebhookFormat;
import io.gatewatch.app.config.ConfigException;
import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.config.ToyConfig;
import io.gatewatch.app.sim.CombinedLogLine;
import io.gatewatch.app.topology.TopologyFixture;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.Json;
import io.gatewatch.schema.detector.DetectorInfos;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A detector declared in test code only ({@link ToyDetector}, {@link ToyConfig}) is configured, validated,
 * stored, alerted and rendered by production code that never names it: the registry is the only seam.
 */
class ToyDetectorTest {
    private static final DetectorRegistry REGISTRY = DetectorRegistry.standard().with(ToyDetector.DESCRIPTOR);
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final String YAML = """
            detectors:
              toy_probe:
                window: 2m
                max_hits: 4
            """;

    private static ConfigLoader loader() {
        return new ConfigLoader(io.gatewatch.schema.parse.Parsers.standard().names(), n -> List.of(),
                REGISTRY.configSections());
    }

    private static ToyConfig toy(GatewatchConfig c) {
        return (ToyConfig) c.detectors().stream().filter(b -> b.id().equals(ToyConfig.ID)).findFirst().orElseThrow().base();
    }

    @Test
    void shouldReadTheToyDetectorsYamlBlockThroughTheRegistry() throws Exception {
        ToyConfig c = toy(loader().parse(YAML, "toy.yaml"));
        assertEquals(Duration.ofMinutes(2), c.window());
        assertEquals(4, c.maxHits());
        assertEquals(3, toy(loader().parse("", "empty.yaml")).maxHits(), "its defaults apply when the block is absent");
    }

    @Test
    void shouldRejectABadToyValueNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader().parse("detectors:\n  toy_probe:\n    max_hits: 0\n", "toy.yaml"));
        assertTrue(e.getMessage().contains("detectors.toy_probe.max_hits"), e.getMessage());
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> new ConfigLoader(io.gatewatch.schema.parse.Parsers.standard().names(), n -> List.of())
                        .parse(YAML, "toy.yaml"));
        assertTrue(unknown.getMessage().contains("toy_probe"), "without the toy registered, its block is unknown: "
                + unknown.getMessage());
    }

    @Test
    void shouldRoundTripTheToySectionThroughTheProfileCodec() throws Exception {
        ToyDetector d = new ToyDetector(toy(loader().parse(YAML, "toy.yaml")));
        ProfileCodec codec = new ProfileCodec(List.of(d));
        ClientProfile p = codec.newProfile();
        ApiEvent e = ApiEvent.builder().ts(T0).method("GET").path("/toy/a").route("/toy/a").status(200).build();
        EventFacts facts = new EventFacts(T0.toEpochMilli(), "ip:192.0.2.1", "/toy/a", false);
        d.observe((ToyDetector.State) p.sections[0], e, facts);
        d.observe((ToyDetector.State) p.sections[0], e, facts);
        byte[] bytes = codec.encode(p);
        ClientProfile back = codec.decode(bytes);
        assertEquals(2, ((ToyDetector.State) back.sections[0]).hits.sum(T0.toEpochMilli()));
        assertArrayEquals(bytes, codec.encode(back));
    }

    @Test
    void shouldAlertThroughTheTopologyAndRenderInEverySinkFormat() throws Exception {
        Alert alert;
        try (TopologyFixture f = new TopologyFixture(YAML, REGISTRY)) {
            f.pipe(IntStream.range(0, 6).mapToObj(i -> CombinedLogLine.of("192.0.2.9", null, T0.plusSeconds(i), "GET",
                    "/toy/" + i, 200, 100, "curl/8")).toList());
            List<Alert> alerts = f.alerts.readValuesToList().stream().filter(a -> a.detector().equals(ToyConfig.ID)).toList();
            assertEquals(1, alerts.size(), "the fifth hit crosses max_hits 4 and opens one alert");
            alert = alerts.getFirst();
        }
        assertEquals(5L, ((Number) alert.evidence().get("hits")).longValue());
        DetectorInfos infos = REGISTRY.infos();
        AlertFormats formats = new AlertFormats(new Product("Gatewatch", "Gatewatch", "test"), "gw-1", infos);
        JsonNode ocsf = Json.newMapper().readTree(formats.line(AlertFormat.OCSF, alert));
        assertEquals("Toy probing from ip:192.0.2.9 on GET /toy/{id}", ocsf.path("finding_info").path("title").asText());
        assertEquals("T1046", ocsf.path("finding_info").path("attacks").get(0).path("technique").path("uid").asText());
        assertEquals("Behavioral", ocsf.path("finding_info").path("analytic").path("type").asText());
        JsonNode ecs = Json.newMapper().readTree(formats.line(AlertFormat.ECS, alert));
        assertEquals("Toy probing", ecs.path("rule").path("description").asText());
        assertEquals("T1046", ecs.path("threat").path("technique").path("id").get(0).asText());
        assertEquals("indicator", ecs.path("event").path("type").get(0).asText());
        String cef = formats.line(AlertFormat.CEF, alert);
        assertTrue(cef.contains("|toy_probe|Toy probing from ip:192.0.2.9 on GET /toy/{id}|"), cef);
        JsonNode hec = Json.newMapper().readTree(formats.line(AlertFormat.SPLUNK_HEC, alert));
        assertEquals(ToyConfig.ID, hec.path("fields").path("detector").asText());
        JsonNode slack = new SlackFormat(infos).render(alert);
        assertTrue(slack.toString().contains("Toy probing from ip:192.0.2.9"), slack.toString());
        assertEquals(ToyConfig.ID, Json.newMapper().readTree(new WebhookFormat().body(alert)).path("detector").asText());
        assertTrue(ConsoleFormat.line(alert).contains(" toy_probe client=ip:192.0.2.9 GET /toy/{id}"), ConsoleFormat.line(alert));
    }
}
