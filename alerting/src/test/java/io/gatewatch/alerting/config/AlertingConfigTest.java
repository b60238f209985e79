package io.gatewatch.alerting.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gatewatch.alerting.format.AlertFormat;
import io.gatewatch.schema.Alert;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import io.gatewatch.alerting.format.TestDetectors;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AlertingConfigTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, String> ENV = Map.of(
            "SLACK_WEBHOOK_URL", "https://127.0.0.1:9443/services/T000/B000/XXXXsecretXXXX",
            "HEC_TOKEN", "11111111-2222-3333-4444-555555555555",
            "HOOK_URL", "http://127.0.0.1:9000/hook",
            "HOOK_SECRET", "s3cr3t-signing-key");
    private static final Function<String, String> env = ENV::get;

    static JsonNode alertingNode(String yaml) throws Exception {
        return YAML.readTree(yaml).get("alerting");
    }

    @Test
    void shouldDefaultToOneConsoleSinkForEveryNonShadowAlert() {
        AlertingConfig d = AlertingConfig.defaults();
        assertEquals(1, d.sinks().size());
        assertInstanceOf(SinkConfig.Console.class, d.sinks().getFirst());
        RouteRule rule = d.routes().getFirst();
        assertEquals(List.of("console"), rule.sinks());
        assertEquals(Alert.Severity.LOW, rule.minSeverity());
        assertEquals(Set.of(Alert.Mode.ALERT), rule.modes());
        assertEquals("gatewatch.alerts.dlq", d.deadLetterTopic());
    }

    @Test
    void shouldGiveDefaultsForAMissingBlock() {
        List<String> problems = new ArrayList<>();
        assertEquals(AlertingConfig.defaults(), AlertingConfig.fromTree(null, problems, env));
        assertTrue(problems.isEmpty());
    }

    @Test
    void shouldReadEverySinkTypeRouteAndSetting() throws Exception {
        List<String> problems = new ArrayList<>();
        AlertingConfig c = AlertingConfig.fromTree(alertingNode("""
                alerting:
                  dead_letter_topic: my.dlq
                  delivery:
                    max_attempts: 3
                    initial_backoff: 200ms
                  dedup:
                    cooldown: 15m
                  grouping:
                    group_wait: 45s
                    group_threshold: 8
                  sinks:
                    - name: console
                      type: console
                    - name: ocsf-file
                      type: file
                      path: /tmp/gatewatch/ocsf.jsonl
                      format: ocsf
                    - name: ecs-topic
                      type: kafka
                      topic: gatewatch.alerts.ecs
                      format: ecs
                    - name: siem
                      type: syslog
                      host: 127.0.0.1
                      port: 6514
                      protocol: tls
                      framing: lf
                      syslog_format: rfc3164
                      facility: local6
                      hostname: gw-1
                      delivery:
                        max_attempts: 7
                        circuit_breaker: {failure_threshold: 2, open_for: 5m}
                    - name: soc-slack
                      type: slack
                      url_env: SLACK_WEBHOOK_URL
                    - name: splunk
                      type: splunk_hec
                      url: https://127.0.0.1:8088
                      token_env: HEC_TOKEN
                      index: security
                    - name: hook
                      type: webhook
                      url_env: HOOK_URL
                      secret_env: HOOK_SECRET
                  routes:
                    - name: people
                      detectors: [credential_stuffing, data_harvesting]
                      min_severity: high
                      sinks: [soc-slack, hook]
                    - name: siem-everything
                      modes: [alert, shadow]
                      scopes: [client, route, global]
                      sinks: [siem, splunk, ocsf-file, ecs-topic, console]
                """), problems, env);

        assertEquals(List.of(), problems);
        assertEquals("my.dlq", c.deadLetterTopic());
        assertEquals(Duration.ofMinutes(15), c.dedup().cooldown());
        assertEquals(new GroupingSettings(true, Duration.ofSeconds(45), 8, Set.of()), c.grouping());
        assertEquals(7, c.sinks().size());

        SinkConfig.File file = (SinkConfig.File) c.sink("ocsf-file").orElseThrow();
        assertEquals(Path.of("/tmp/gatewatch/ocsf.jsonl"), file.path());
        assertEquals(AlertFormat.OCSF, file.format());
        assertEquals(3, file.delivery().maxAttempts(), "the top-level delivery block is every sink's default");
        assertEquals(Duration.ofMillis(200), file.delivery().initialBackoff());

        SinkConfig.Kafka topic = (SinkConfig.Kafka) c.sink("ecs-topic").orElseThrow();
        assertEquals("gatewatch.alerts.ecs", topic.topic());
        assertEquals(AlertFormat.ECS, topic.format());

        SinkConfig.Syslog syslog = (SinkConfig.Syslog) c.sink("siem").orElseThrow();
        assertEquals(SinkConfig.Transport.TLS, syslog.transport());
        assertEquals(SinkConfig.Framing.LF, syslog.framing());
        assertEquals(SinkConfig.Header.RFC3164, syslog.header());
        assertEquals(22, syslog.facility());
        assertEquals("gw-1", syslog.hostname());
        assertEquals(AlertFormat.CEF, syslog.format());
        assertEquals(7, syslog.delivery().maxAttempts(), "a sink's own delivery block overrides the default");
        assertEquals(Duration.ofMillis(200), syslog.delivery().initialBackoff());
        assertEquals(2, syslog.delivery().breakerThreshold());
        assertEquals(Duration.ofMinutes(5), syslog.delivery().breakerOpenFor());

        SinkConfig.Slack slack = (SinkConfig.Slack) c.sink("soc-slack").orElseThrow();
        assertEquals(ENV.get("SLACK_WEBHOOK_URL"), slack.url().value());
        assertTrue(slack.readByPeople());

        SinkConfig.SplunkHec hec = (SinkConfig.SplunkHec) c.sink("splunk").orElseThrow();
        assertEquals(URI.create("https://127.0.0.1:8088"), hec.url());
        assertEquals("security", hec.index());
        assertEquals("gatewatch:alert", hec.sourcetype());

        SinkConfig.Webhook hook = (SinkConfig.Webhook) c.sink("hook").orElseThrow();
        assertEquals("s3cr3t-signing-key", hook.signingKey().value());

        RouteRule people = c.routes().getFirst();
        assertEquals(Set.of("credential_stuffing", "data_harvesting"), people.detectors());
        assertEquals(Alert.Severity.HIGH, people.minSeverity());
        assertEquals(Set.of(Alert.Mode.ALERT), people.modes(), "routes carry only alert-mode alerts unless told");
        assertEquals(Set.of(Alert.Mode.ALERT, Alert.Mode.SHADOW), c.routes().get(1).modes());
    }

    @Test
    void shouldReadTheSlackLinkBaseAndRefuseOneThatIsNotABaseUrl() throws Exception {
        List<String> problems = new ArrayList<>();
        AlertingConfig c = AlertingConfig.fromTree(alertingNode("""
                alerting:
                  sinks:
                    - {name: soc-slack, type: slack, url_env: SLACK_WEBHOOK_URL, link_base: "http://gatewatch.internal:9464/"}
                    - {name: other, type: slack, url_env: SLACK_WEBHOOK_URL, link_base: "gatewatch.internal?x=1"}
                """), problems, env);
        assertEquals(List.of("alerting.sinks[1].link_base = gatewatch.internal?x=1: must be the http(s) base URL of "
                + "Gatewatch's web page and API, e.g. http://gatewatch.internal:9464, with no query or fragment"), problems);
        assertEquals("http://gatewatch.internal:9464", ((SinkConfig.Slack) c.sink("soc-slack").orElseThrow()).linkBase());
    }

    @Test
    void shouldLinkSlackSinksWithoutALinkBaseToTheApiWhereAlertingRunsBesideIt() throws Exception {
        List<String> problems = new ArrayList<>();
        AlertingConfig c = AlertingConfig.fromTree(alertingNode("""
                alerting:
                  sinks:
                    - {name: own, type: slack, url_env: SLACK_WEBHOOK_URL, link_base: "https://soc.example/gatewatch"}
                    - {name: plain, type: slack, url_env: SLACK_WEBHOOK_URL}
                    - {name: console, type: console}
                """), problems, env).withDefaultSlackLinkBase("http://gw-1:9464");
        assertEquals(List.of(), problems);
        assertEquals("https://soc.example/gatewatch", ((SinkConfig.Slack) c.sink("own").orElseThrow()).linkBase(),
                "a configured link base wins");
        assertEquals("http://gw-1:9464", ((SinkConfig.Slack) c.sink("plain").orElseThrow()).linkBase());
        assertEquals(List.of("own", "plain", "console"), c.sinks().stream().map(SinkConfig::name).toList());
    }

    @Test
    void shouldNeverPrintSecretsWhenTheConfigIsPrinted() throws Exception {
        List<String> problems = new ArrayList<>();
        AlertingConfig c = AlertingConfig.fromTree(alertingNode("""
                alerting:
                  sinks:
                    - {name: soc-slack, type: slack, url_env: SLACK_WEBHOOK_URL}
                    - {name: splunk, type: splunk_hec, url: "https://127.0.0.1:8088", token_env: HEC_TOKEN}
                    - {name: hook, type: webhook, url_env: HOOK_URL, secret_env: HOOK_SECRET}
                """), problems, env);
        assertEquals(List.of(), problems);
        String printed = c.toString();
        for (String secret : ENV.values()) {
            assertFalse(printed.contains(secret), "config toString leaks " + secret + ": " + printed);
        }
        assertTrue(printed.contains("${SLACK_WEBHOOK_URL}"), printed);
    }

    /** The ids detector-app's registry passes in: this module names no detector itself. */
    private static final Set<String> STANDARD_IDS = TestDetectors.STANDARD.all().stream()
            .map(io.gatewatch.schema.detector.DetectorInfo::id).collect(java.util.stream.Collectors.toSet());

    @Test
    void shouldCheckARouteDetectorOnlyForItsShapeWhenNoRegistryIsGiven() throws Exception {
        List<String> problems = new ArrayList<>();
        AlertingConfig c = AlertingConfig.fromTree(alertingNode("""
                alerting:
                  routes:
                    - detectors: [route_spike, "Not An Id"]
                      sinks: [console]
                """), problems, env);
        assertEquals(List.of("alerting.routes[0].detectors[1] = Not An Id: not a detector id"
                + " (allowed: a detector id such as credential_stuffing)"), problems);
        assertTrue(c.routes().get(0).detectors().contains("route_spike"), "a detector this module never heard of is routable");
    }

    @Test
    void shouldReportEveryProblemOneLineEachNamingTheKey() throws Exception {
        List<String> problems = new ArrayList<>();
        AlertingConfig.fromTree(alertingNode("""
                alerting:
                  dedup:
                    cooldown: 10x
                  grouping:
                    group_threshold: 1
                  sinks:
                    - name: console
                      type: console
                    - name: console
                      type: console
                    - name: pager
                      type: sms
                    - name: soc-slack
                      type: slack
                      url_env: MISSING_SLACK_URL
                    - name: inline-hook
                      type: webhook
                      url: https://127.0.0.1:9000/hook-with-embedded-token
                    - name: splunk
                      type: splunk_hec
                      url: not a url
                      token_env: HEC_TOKEN
                    - name: siem
                      type: syslog
                      protocol: carrier-pigeon
                      port: 70000
                      formt: cef
                  routes:
                    - min_severity: urgent
                      detectors: [credential_stufing]
                      sinks: [console, nowhere]
                """), problems, env, STANDARD_IDS);

        assertEquals(List.of(
                "alerting.sinks[1].name = console: another sink already has this name",
                "alerting.sinks[2].type = sms: unknown value (allowed: console, file, kafka, syslog, slack,"
                        + " splunk_hec, webhook)",
                "alerting.sinks[3].url_env = MISSING_SLACK_URL: environment variable MISSING_SLACK_URL is not set"
                        + " or empty",
                "alerting.sinks[4].url = (hidden): a secret must not be written in the config (allowed: the name"
                        + " of an environment variable, in url_env)",
                "alerting.sinks[5].url = not a url: not an http(s) URL of the HTTP Event Collector, e.g."
                        + " https://127.0.0.1:8088",
                "alerting.sinks[6].formt = cef: unknown key (allowed: name, type, delivery, host, port, protocol,"
                        + " framing, syslog_format, facility, hostname, app_name, format, ca_file)",
                "alerting.sinks[6].protocol = carrier-pigeon: unknown value (allowed: udp, tcp, tls)",
                "alerting.sinks[6].port = 70000: out of range (allowed: 1 to 65535)",
                "alerting.routes[0].detectors[0] = credential_stufing: unknown value (allowed: anomaly,"
                        + " credential_stuffing, data_harvesting, reconnaissance, traffic_spike)",
                "alerting.routes[0].min_severity = urgent: unknown value (allowed: low, medium, high, critical)",
                "alerting.routes[0].sinks[1] = nowhere: no sink has this name; sinks: console, siem",
                "alerting.dedup.cooldown = 10x: not a duration; write e.g. 250ms, 90s, 5m, 1h30m, PT90S or 2d"
                        + " (allowed: 0s to 7d)",
                "alerting.grouping.group_threshold = 1: out of range (allowed: 2 to 100000)"), problems);
        String all = String.join("\n", problems);
        assertFalse(all.contains("hook-with-embedded-token"), "an inline secret must not be echoed");
    }

    @Test
    void shouldNameTheVariableButNeverPrintItsValueWhenItIsNotAUrl() throws Exception {
        List<String> problems = new ArrayList<>();
        AlertingConfig.fromTree(alertingNode("""
                alerting:
                  sinks:
                    - {name: soc-slack, type: slack, url_env: HEC_TOKEN}
                """), problems, env);
        assertEquals(List.of("alerting.sinks[0].url_env = HEC_TOKEN: the value of HEC_TOKEN is not an http(s) URL"), problems);
    }

    @Test
    void shouldRouteEveryAlertToEverySinkWhenNoRoutesAreGiven() throws Exception {
        List<String> problems = new ArrayList<>();
        AlertingConfig c = AlertingConfig.fromTree(alertingNode("""
                alerting:
                  sinks:
                    - {name: out, type: file, path: alerts.jsonl}
                """), problems, env);
        assertEquals(List.of(), problems);
        assertEquals(List.of("out"), c.routes().getFirst().sinks());
        assertEquals(AlertFormat.ALERT, ((SinkConfig.File) c.sinks().getFirst()).format());
    }

    @Test
    void shouldTurnMalformedBlocksIntoProblemsNotExceptions() throws Exception {
        List<String> shapes = List.of(
                "alerting: 42",
                "alerting: [a, b]",
                "alerting: {sinks: console}",
                "alerting: {sinks: [console, 7, {}]}",
                "alerting: {sinks: [{name: x, type: [file]}]}",
                "alerting: {sinks: [{name: x, type: file, path: {a: 1}, format: [ocsf]}]}",
                "alerting: {sinks: [{name: x, type: syslog, port: abc, facility: [1], ca_file: \"a\\u0000b\"}]}",
                "alerting: {routes: [{sinks: {a: 1}, modes: 3, scopes: [[1]]}], dedup: [1], grouping: 5}",
                "alerting: {delivery: {max_attempts: 2.5, jitter: high, circuit_breaker: 3}}",
                "alerting: {dead_letter_topic: 'no spaces allowed'}");
        for (String yaml : shapes) {
            List<String> problems = new ArrayList<>();
            AlertingConfig.fromTree(alertingNode(yaml), problems, env);
            assertFalse(problems.isEmpty(), "no problem reported for: " + yaml);
            problems.forEach(p -> assertTrue(p.startsWith("alerting"), p));
        }
    }
}
