package io.gatewatch.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compose stack's Prometheus files, checked by Prometheus's own promtool. */
class PrometheusFilesTest {
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    static Result promtool(Path dir, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(PROMTOOL.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        return new Result(p.exitValue(), out);
    }

    record Result(int exit, String out) {
    }

    private static Path prometheusDir() {
        Path root = RepoFiles.root();
        assumeTrue(root != null, "not inside a checkout");
        assumeTrue(Files.isExecutable(PROMTOOL), "promtool is not installed (Debian package prometheus; .ci/run installs it)");
        return root.resolve("deploy/prometheus");
    }

    @Test
    void shouldBeAValidPrometheusConfigThatLoadsTheRules() throws Exception {
        Path dir = prometheusDir();
        Result r = promtool(dir, "check", "config", "prometheus.yml");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("SUCCESS: 1 rule files found"), r.out());
    }

    @Test
    void shouldBeValidAlertRules() throws Exception {
        Path dir = prometheusDir();
        Result r = promtool(dir, "check", "rules", "rules.yml");
        assertEquals(0, r.exit(), r.out());
    }

    /** promtool's rule unit tests: the sink and stream-thread rules fire on failing series, not on healthy ones. */
    @Test
    void shouldFireTheSinkAndStreamThreadRulesOnFailingSeriesOnly(@TempDir Path tmp) throws Exception {
        Path dir = prometheusDir();
        Files.copy(dir.resolve("rules.yml"), tmp.resolve("rules.yml"));
        Files.writeString(tmp.resolve("test.yml"), """
                rule_files: [rules.yml]
                evaluation_interval: 1m
                tests:
                  - interval: 1m
                    input_series:
                      - series: 'gatewatch_sink_failed_total{job="gatewatch-alerting",instance="a:9465",sink="siem",retryable="true"}'
                        values: '0+5x20'
                      - series: 'gatewatch_sink_sent_total{job="gatewatch-alerting",instance="a:9465",sink="siem"}'
                        values: '3x20'
                      - series: 'gatewatch_sink_failed_total{job="gatewatch-alerting",instance="a:9465",sink="slack",retryable="true"}'
                        values: '0x20'
                      - series: 'gatewatch_sink_sent_total{job="gatewatch-alerting",instance="a:9465",sink="slack"}'
                        values: '0+2x20'
                      - series: 'kafka_stream_failed_stream_threads_total{job="gatewatch",instance="g:9464"}'
                        values: '0 0 0 1 1 1 1 1 1 1 1'
                      - series: 'kafka_stream_alive_stream_threads{job="gatewatch",instance="g:9464"}'
                        values: '1 1 1 0 0 0 0 0 0 0 0'
                    alert_rule_test:
                      - eval_time: 15m
                        alertname: GatewatchSinkFailing
                        exp_alerts:
                          - exp_labels: {severity: critical, instance: "a:9465", sink: siem}
                            exp_annotations:
                              summary: "Sink siem fails every attempt"
                              description: "No alert has reached siem for 5 minutes while attempts fail; alerts go to the dead-letter topic and are redelivered when it recovers."
                      - eval_time: 5m
                        alertname: GatewatchStreamThreadDead
                        exp_alerts:
                          - exp_labels: {severity: critical, job: gatewatch, instance: "g:9464"}
                            exp_annotations:
                              summary: "A Kafka Streams thread died on g:9464"
                              description: "A stream thread failed (the instance shuts down rather than run with fewer threads); see the instance's log for the exception."
                          - exp_labels: {severity: critical, instance: "g:9464"}
                            exp_annotations:
                              summary: "A Kafka Streams thread died on g:9464"
                              description: "A stream thread failed (the instance shuts down rather than run with fewer threads); see the instance's log for the exception."
                      - eval_time: 2m
                        alertname: GatewatchStreamThreadDead
                        exp_alerts: []
                """);
        Result r = promtool(tmp, "test", "rules", "test.yml");
        assertEquals(0, r.exit(), r.out());
    }
}
