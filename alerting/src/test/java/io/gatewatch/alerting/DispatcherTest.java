package io.gatewatch.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.alerting.config.AlertingConfig;
import io.gatewatch.alerting.config.DedupSettings;
import io.gatewatch.alerting.config.DeliverySettings;
import io.gatewatch.alerting.config.GroupingSettings;
import io.gatewatch.alerting.config.RouteRule;
import io.gatewatch.alerting.config.Secret;
import io.gatewatch.alerting.config.SinkConfig;
import io.gatewatch.alerting.format.AlertFormat;
import io.gatewatch.schema.Alert;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DispatcherTest {
    private static final DeliverySettings D = DeliverySettings.defaults();
    private static final Instant NOW = Instant.parse("2025-03-14T12:02:00Z");
    private static final List<SinkConfig> SINKS = List.of(
            new SinkConfig.Console("console", D),
            new SinkConfig.File("siem-file", Path.of("x.jsonl"), AlertFormat.OCSF, D),
            new SinkConfig.Slack("slack", new Secret("U", "http://127.0.0.1:1/s"), D),
            new SinkConfig.Webhook("hook", new Secret("H", "http://127.0.0.1:1/h"), null, D));

    private static AlertingConfig config(List<RouteRule> routes, DedupSettings dedup, GroupingSettings grouping) {
        return new AlertingConfig(SINKS, routes, dedup, grouping, "dlq");
    }

    private static RouteRule rule(Set<String> detectors, Alert.Severity min, Set<Alert.Mode> modes, Set<Alert.Scope> scopes, String... sinks) {
        return new RouteRule("r", detectors, min, modes, scopes, List.of(sinks));
    }

    private static List<String> sinks(Dispatch d) {
        return d.deliveries().stream().map(Delivery::sink).toList();
    }

    @Test
    void shouldRouteByDetectorMinimumSeverityModeAndScope() {
        Dispatcher dispatcher = new Dispatcher(config(List.of(
                rule(Set.of("credential_stuffing"), Alert.Severity.HIGH, Set.of(Alert.Mode.ALERT), Set.of(), "slack"),
                rule(Set.of(), Alert.Severity.LOW, Set.of(), Set.of(Alert.Scope.ROUTE), "hook"),
                rule(Set.of(), Alert.Severity.LOW, Set.of(Alert.Mode.ALERT, Alert.Mode.SHADOW), Set.of(), "siem-file")),
                DedupSettings.defaults(), GroupingSettings.disabled()));

        assertEquals(List.of("slack", "siem-file"), sinks(dispatcher.accept(TestAlerts.credentialStuffing(), 1, NOW)));
        assertEquals(List.of("hook", "siem-file"), sinks(dispatcher.accept(TestAlerts.trafficSpikeOnRoute(), 2, NOW)));
        Alert mediumStuffing = TestAlerts.clientAlert("credential_stuffing", "192.0.2.50", Alert.Severity.MEDIUM, NOW, "/login");
        assertEquals(List.of("siem-file"), sinks(dispatcher.accept(mediumStuffing, 3, NOW)), "below the slack rule's minimum");
        Alert dataHarvesting = TestAlerts.dataHarvesting();
        assertEquals(List.of("siem-file"), sinks(dispatcher.accept(dataHarvesting, 4, NOW)), "not a detector of the slack rule");
    }

    @Test
    void shouldNeverRouteShadowAlertsToPeopleSinksEvenWhenARuleSaysSo() {
        Dispatcher dispatcher = new Dispatcher(config(List.of(
                rule(Set.of(), Alert.Severity.LOW, Set.of(Alert.Mode.SHADOW), Set.of(), "slack", "hook", "console", "siem-file")),
                DedupSettings.defaults(), GroupingSettings.disabled()));
        Dispatch d = dispatcher.accept(TestAlerts.reconnaissanceShadow(), 1, NOW);
        assertEquals(List.of("console", "siem-file"), sinks(d));
    }

    @Test
    void shouldNotRouteShadowAlertsByDefault() {
        Dispatcher dispatcher = new Dispatcher(AlertingConfig.defaults());
        Dispatch d = dispatcher.accept(TestAlerts.reconnaissanceShadow(), 1, NOW);
        assertEquals(0, d.expected());
        assertEquals("no route matches", d.note());
        assertEquals(List.of("console"), sinks(dispatcher.accept(TestAlerts.credentialStuffing(), 2, NOW)));
    }

    @Test
    void shouldTurnFurtherAlertsForTheSameClientAndDetectorWithinTheCooldownIntoUpdates() {
        Dispatcher dispatcher = new Dispatcher(AlertingConfig.defaults());
        Instant t0 = Instant.parse("2025-03-14T12:00:00Z");
        Alert first = TestAlerts.clientAlert("credential_stuffing", "203.0.113.7", Alert.Severity.HIGH, t0, "/login");
        Alert again = TestAlerts.clientAlert("credential_stuffing", "203.0.113.7", Alert.Severity.HIGH, t0.plus(Duration.ofMinutes(6)), "/login");
        Alert third = TestAlerts.clientAlert("credential_stuffing", "203.0.113.7", Alert.Severity.HIGH, t0.plus(Duration.ofMinutes(12)), "/login");

        Alert sent1 = dispatcher.accept(first, 1, NOW).deliveries().getFirst().alert();
        Alert sent2 = dispatcher.accept(again, 2, NOW).deliveries().getFirst().alert();
        Alert sent3 = dispatcher.accept(third, 3, NOW).deliveries().getFirst().alert();

        assertEquals(first, sent1);
        assertEquals(first.alertId(), sent2.alertId(), "a new upstream alert within the cooldown updates the first");
        assertEquals(1, sent2.revision());
        assertEquals(again.detectedAt(), sent2.detectedAt());
        assertEquals(first.alertId(), sent3.alertId(), "the cooldown runs from the latest alert, not the first");
        assertEquals(2, sent3.revision());
    }

    @Test
    void shouldDropARedeliveredRevisionButPassUpdatesOfTheSameAlert() {
        Dispatcher dispatcher = new Dispatcher(AlertingConfig.defaults());
        Alert a = TestAlerts.credentialStuffing();
        Alert update = TestAlerts.revision(a, a.alertId(), 1, a.detectedAt().plusSeconds(60));

        assertEquals(1, dispatcher.accept(a, 1, NOW).expected());
        Dispatch repeat = dispatcher.accept(a, 2, NOW);
        assertEquals(0, repeat.expected());
        assertEquals("duplicate of a revision already sent", repeat.note());
        Dispatch u = dispatcher.accept(update, 3, NOW);
        assertEquals(1, u.deliveries().getFirst().alert().revision());
        assertEquals(0, dispatcher.accept(update, 4, NOW).expected());
    }

    @Test
    void shouldStartANewAlertAfterTheCooldownHasPassed() {
        Dispatcher dispatcher = new Dispatcher(config(List.of(rule(Set.of(), Alert.Severity.LOW, Set.of(), Set.of(), "siem-file")),
                new DedupSettings(Duration.ofMinutes(10), 1000), GroupingSettings.disabled()));
        Instant t0 = Instant.parse("2025-03-14T12:00:00Z");
        Alert first = TestAlerts.clientAlert("credential_stuffing", "203.0.113.7", Alert.Severity.HIGH, t0, "/login");
        Alert later = TestAlerts.clientAlert("credential_stuffing", "203.0.113.7", Alert.Severity.HIGH, t0.plus(Duration.ofMinutes(11)), "/login");
        dispatcher.accept(first, 1, NOW);
        Alert sent = dispatcher.accept(later, 2, NOW).deliveries().getFirst().alert();
        assertEquals(later.alertId(), sent.alertId());
        assertEquals(0, sent.revision());
    }

    @Test
    void shouldKeepDifferentClientsAndDetectorsApart() {
        Dispatcher dispatcher = new Dispatcher(AlertingConfig.defaults());
        Alert a = TestAlerts.clientAlert("credential_stuffing", "203.0.113.7", Alert.Severity.HIGH, NOW, "/login");
        Alert otherClient = TestAlerts.clientAlert("credential_stuffing", "203.0.113.8", Alert.Severity.HIGH, NOW, "/login");
        Alert otherDetector = TestAlerts.clientAlert("reconnaissance", "203.0.113.7", Alert.Severity.HIGH, NOW, "/login");
        dispatcher.accept(a, 1, NOW);
        assertEquals(0, dispatcher.accept(otherClient, 2, NOW).deliveries().getFirst().alert().revision());
        assertEquals(0, dispatcher.accept(otherDetector, 3, NOW).deliveries().getFirst().alert().revision());
    }

    @Test
    void shouldGroupManyAlertsWithinGroupWaitIntoOneMessageWithCountAndTopKeys() {
        Dispatcher dispatcher = new Dispatcher(config(
                List.of(rule(Set.of(), Alert.Severity.LOW, Set.of(), Set.of(), "slack", "siem-file")),
                DedupSettings.defaults(), new GroupingSettings(true, Duration.ofSeconds(30), 5, Set.of())));
        Instant wall = NOW;
        for (int i = 0; i < 7; i++) {
            Alert a = TestAlerts.clientAlert("credential_stuffing", "192.0.2." + (10 + i % 6), Alert.Severity.HIGH,
                    TestAlerts.DETECTED.plusSeconds(i), "/api/v1/login");
            Dispatch d = dispatcher.accept(a, i, wall.plusSeconds(i));
            assertEquals(List.of("siem-file"), sinks(d), "machine sinks are not grouped");
            assertEquals(1, d.held(), "slack holds it for grouping");
        }
        assertEquals(List.of(), dispatcher.tick(wall.plusSeconds(29)), "nothing before group_wait has passed");
        assertEquals(wall.plusSeconds(30), dispatcher.nextDeadline().orElseThrow());

        List<Delivery> due = dispatcher.tick(wall.plusSeconds(30));
        assertEquals(1, due.size());
        Delivery group = due.getFirst();
        assertEquals("slack", group.sink());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L), group.sequences());
        Alert g = group.alert();
        assertEquals(Alert.Scope.ROUTE, g.scope());
        assertEquals("/api/v1/login", g.route());
        assertEquals(7, g.evidence().get("grouped_alerts"));
        assertEquals(6, g.evidence().get("distinct_clients"));
        assertTrue(g.summary().startsWith("7 credential_stuffing alerts from 6 clients on POST /api/v1/login; top: ip:192.0.2.10 (2)"), g.summary());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> top = (List<Map<String, Object>>) g.evidence().get("top_keys");
        assertEquals(5, top.size());
        assertEquals(Map.of("key", "ip:192.0.2.10", "alerts", 2L), top.getFirst());
        assertEquals(TestAlerts.DETECTED.plusSeconds(6), g.detectedAt());
        assertTrue(dispatcher.nextDeadline().isEmpty());
    }

    @Test
    void shouldSendHeldAlertsOneByOneWhenFewerThanTheThresholdArrived() {
        Dispatcher dispatcher = new Dispatcher(config(
                List.of(rule(Set.of(), Alert.Severity.LOW, Set.of(), Set.of(), "slack")),
                DedupSettings.defaults(), new GroupingSettings(true, Duration.ofSeconds(30), 5, Set.of())));
        Alert a = TestAlerts.clientAlert("credential_stuffing", "192.0.2.1", Alert.Severity.HIGH, TestAlerts.DETECTED, "/login");
        Alert b = TestAlerts.clientAlert("credential_stuffing", "192.0.2.2", Alert.Severity.HIGH, TestAlerts.DETECTED, "/login");
        dispatcher.accept(a, 1, NOW);
        dispatcher.accept(b, 2, NOW);
        List<Delivery> due = dispatcher.tick(NOW.plusSeconds(30));
        assertEquals(List.of(a, b), due.stream().map(Delivery::alert).toList());
        assertEquals(List.of(List.of(1L), List.of(2L)), due.stream().map(Delivery::sequences).toList());
    }

    @Test
    void shouldSendAContinuingBotnetAsUpdatesOfTheGroupedAlert() {
        Dispatcher dispatcher = new Dispatcher(config(
                List.of(rule(Set.of(), Alert.Severity.LOW, Set.of(), Set.of(), "hook")),
                DedupSettings.defaults(), new GroupingSettings(true, Duration.ofSeconds(30), 3, Set.of())));
        for (int i = 0; i < 3; i++) {
            dispatcher.accept(TestAlerts.clientAlert("credential_stuffing", "192.0.2." + i, Alert.Severity.HIGH, TestAlerts.DETECTED, "/login"), i, NOW);
        }
        Alert first = dispatcher.tick(NOW.plusSeconds(30)).getFirst().alert();
        dispatcher.accept(TestAlerts.clientAlert("credential_stuffing", "192.0.2.99", Alert.Severity.HIGH, TestAlerts.DETECTED, "/login"), 9, NOW.plusSeconds(40));
        List<Delivery> next = dispatcher.tick(NOW.plusSeconds(70));
        assertEquals(1, next.size());
        assertEquals(first.alertId(), next.getFirst().alert().alertId(), "one alert below the threshold still joins the running group");
        assertEquals(1, next.getFirst().alert().revision());
        assertEquals(1, next.getFirst().alert().evidence().get("grouped_alerts"));
    }
}
