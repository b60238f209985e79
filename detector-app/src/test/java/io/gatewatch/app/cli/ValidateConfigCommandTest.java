package io.gatewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateConfigCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldPrintEveryProblemWithFileLineKeyValueAndWhatIsAllowed() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.yaml"), """
                kafka:
                  partitions: 0
                input:
                  format: apache2
                time:
                  grace: 90
                detectors:
                  credential_stuffing:
                    mode: loud
                    failure_statuses: [401, 700]
                  traffic_spike:
                    interval: 2m
                    half_life: 1m
                """);
        CliRun run = CliRun.of("validate-config", file.toString());
        assertEquals(2, run.exit());
        assertEquals(List.of(
                file + ":2: kafka.partitions = 0: out of range (allowed: 1 to 10000)",
                file + ":4: input.format = apache2: unknown value (allowed: apache, auto, aws-apigw, envoy, json, kong,"
                        + " nginx, nginx-json, traefik)",
                file + ":6: time.grace = 90: a duration needs a unit, e.g. 90s, 5m, 1h30m or PT90S (allowed: 0s to 6h)",
                file + ":9: detectors.credential_stuffing.mode = loud: unknown value (allowed: alert, shadow)",
                file + ":10: detectors.credential_stuffing.failure_statuses[1] = 700: out of range (allowed: 100 to 599)",
                file + ":13: detectors.traffic_spike.half_life = 1m: must be at least the interval (2m): the baseline"
                        + " would forget each interval before the next",
                file + ": 6 problems"), run.err().lines().toList());
    }

    @Test
    void shouldCheckAnAlertRoutesDetectorsAgainstTheDetectorRegistry() throws Exception {
        Path file = Files.writeString(dir.resolve("routes.yaml"), """
                alerting:
                  routes:
                    - detectors: [credential_stuffing, credential_stufing]
                      sinks: [console]
                """);
        CliRun run = CliRun.of("validate-config", file.toString());
        assertEquals(2, run.exit());
        String first = run.err().lines().findFirst().orElseThrow();
        assertEquals(file + ":3: alerting.routes[0].detectors[1] = credential_stufing: unknown value (allowed: "
                + String.join(", ", io.gatewatch.app.detect.DetectorRegistry.standard().descriptors().stream()
                        .map(d -> d.id()).sorted().toList()) + ")", first);
    }

    @Test
    void shouldNeverPrintACredentialFromAUrlATokenOrAWebhookPath() throws Exception {
        Path file = Files.writeString(dir.resolve("secrets.yaml"), """
                alerting:
                  sinks:
                    - name: splunk
                      type: splunk_hec
                      url: "admin:hunter2@splunk.internal:8088"
                      token_env: GATEWATCH_TEST_UNSET_TOKEN
                      tokn: 8f1c2a77-hec-token
                    - name: hook
                      type: webhook
                      url: https://hooks.example.com/services/T0/B0/s3cr3tpath
                    - name: kafka-out
                      type: kafka
                      topic: "https://user:pa55word@example.com/x"
                kafka:
                  properties: "sasl.jaas.config=x password=pa55word"
                """);
        CliRun run = CliRun.of("validate-config", file.toString());
        assertEquals(2, run.exit());
        for (String secret : List.of("hunter2", "8f1c2a77", "s3cr3tpath", "pa55word")) {
            assertFalse(run.err().contains(secret), secret + " printed:\n" + run.err());
            assertFalse(run.out().contains(secret), secret + " printed:\n" + run.out());
        }
        assertEquals(List.of(
                file + ":5: alerting.sinks[0].url = ***@splunk.internal:8088: not an http(s) URL of the HTTP Event"
                        + " Collector, e.g. https://127.0.0.1:8088",
                file + ":6: alerting.sinks[0].token_env = GATEWATCH_TEST_UNSET_TOKEN: environment variable"
                        + " GATEWATCH_TEST_UNSET_TOKEN is not set or empty",
                file + ":7: alerting.sinks[0].tokn = (hidden): unknown key (allowed: name, type, delivery, url, token_env,"
                        + " token, index, source, sourcetype, host)",
                file + ":10: alerting.sinks[1].url = (hidden): a secret must not be written in the config (allowed: the"
                        + " name of an environment variable, in url_env)",
                file + ":13: alerting.sinks[2].topic = https://***@example.com/***: not a Kafka topic name (allowed: 1 to"
                        + " 249 letters, digits, '.', '_' and '-')",
                file + ":15: kafka.properties = sasl.jaas.config=x password=***: must be a mapping of keys to values",
                file + ": 6 problems"), run.err().lines().toList());
    }
}
