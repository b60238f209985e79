package io.gatewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenario behind the fixture files is spelled out in src/test/resources/evaluate/README.md. */
class EvaluateCommandTest {
    private static final String GOOD_ALERT = "{\"schema\":\"gatewatch.alert/v1\",\"alert_id\":\"a\",\"revision\":0,"
            + "\"detector\":\"reconnaissance\",\"severity\":\"low\",\"scope\":\"client\",\"client\":{\"key\":\"1.2.3.4\","
            + "\"ip\":\"1.2.3.4\"},\"detected_at\":\"2026-01-12T07:00:00.000Z\",\"score\":0.5,\"mode\":\"alert\"}";

    @TempDir
    Path dir;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(EvaluateCommandTest.class.getResource("/evaluate/" + name).toURI());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void shouldPrintCaughtMissedAndShadowAttacksAlertedBenignActorsAndTotals() throws Exception {
        CliRun run = CliRun.of("evaluate", "--alerts", fixture("alerts.jsonl").toString(),
                "--labels", fixture("labels.json").toString());
        assertEquals("", run.err());
        assertEquals(0, run.exit());
        assertEquals("""
                attacks (an alert counts from the attack's start to 5m 00s after its end)
                ID             TYPE                        EXPECTED             SCOPE   SOURCES  RESULT  TIME TO DETECT  ALERTS  FIRST ALERT
                attack-burst   credential_stuffing         credential_stuffing  client        1  caught              9s       1  cs-1
                attack-botnet  credential_stuffing_botnet  credential_stuffing  route         3  caught         11m 30s       1  cs-2
                attack-recon   fast_recon                  reconnaissance       client        1  missed               -       0  -
                attack-ids     id_enumeration              data_harvesting      client        1  shadow         11m 10s       1  dh-1
                attack-spike   traffic_spike               traffic_spike        client        1  missed               -       0  -

                benign actors
                ID               TYPE       IPS  RESULT   ALERTS  DETECTORS            ALERTED IPS
                benign-shoppers  shoppers     3  alerted       1  anomaly              81.2.3.5
                benign-nat       nat_proxy    1  alerted       1  credential_stuffing  198.51.100.7
                benign-crawler   crawler      1  clean         0  -                    -

                totals
                attacks caught             2/5
                benign actors alerted      2/3
                benign client IPs alerted  2
                alerts                     6 (distinct alert_id, mode alert)
                false alerts               3 (touch no attack's addresses in its time)
                shadow alerts              1 (not scored)
                """, run.out());
    }

    @Test
    void shouldCountAnAlertOfAnyDetectorWhenAskedSoThatOneDetectorCanBeMeasuredAlone() throws Exception {
        CliRun strict = CliRun.of("evaluate", "--alerts", fixture("alerts.jsonl").toString(),
                "--labels", fixture("labels.json").toString(), "--format", "json");
        CliRun any = CliRun.of("evaluate", "--alerts", fixture("alerts.jsonl").toString(),
                "--labels", fixture("labels.json").toString(), "--format", "json", "--any-detector");
        assertEquals(0, any.exit(), any.err());
        JsonNode before = new ObjectMapper().readTree(strict.out()).get("attacks").get(4);
        JsonNode after = new ObjectMapper().readTree(any.out()).get("attacks").get(4);
        assertEquals("attack-spike", after.get("id").asText());
        assertEquals("missed", before.get("result").asText(), "the anomaly alert is not traffic_spike's");
        assertEquals("caught", after.get("result").asText());
        assertEquals("ts-1", after.get("first_alert_id").asText());
    }

    @Test
    void shouldCatchTheLateReconAlertWhenTheToleranceCoversIt() throws Exception {
        CliRun run = CliRun.of("evaluate", "--alerts", fixture("alerts.jsonl").toString(),
                "--labels", fixture("labels.json").toString(), "--tolerance", "15m", "--format", "json");
        assertEquals(0, run.exit());
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals(900, report.get("tolerance_seconds").asInt());
        JsonNode recon = report.get("attacks").get(2);
        assertEquals("attack-recon", recon.get("id").asText());
        assertEquals("caught", recon.get("result").asText());
        assertEquals(900.0, recon.get("time_to_detect_seconds").asDouble());
        assertEquals("rc-1", recon.get("first_alert_id").asText());
        assertEquals(3, report.get("totals").get("attacks_caught").asInt());
        assertEquals(2, report.get("totals").get("false_alerts").asInt());
        assertEquals("81.2.3.5", report.get("benign").get(0).get("alerted_ips").get(0).asText());
    }

    @Test
    void shouldScoreEveryAttackMissedWhenThereAreNoAlerts() throws Exception {
        CliRun run = CliRun.of("evaluate", "--alerts", write("none.jsonl", "").toString(),
                "--labels", fixture("labels.json").toString(), "--format", "json");
        assertEquals(0, run.exit());
        JsonNode totals = new ObjectMapper().readTree(run.out()).get("totals");
        assertEquals(0, totals.get("attacks_caught").asInt());
        assertEquals(5, totals.get("attacks").asInt());
        assertEquals(0, totals.get("false_alerts").asInt());
    }

    @Test
    void shouldNameAMissingAlertsFileAndExitTwo() throws Exception {
        Path missing = dir.resolve("nope.jsonl");
        CliRun run = CliRun.of("evaluate", "--alerts", missing.toString(), "--labels", fixture("labels.json").toString());
        assertEquals(2, run.exit());
        assertEquals("evaluate: " + missing + ": no such file\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void shouldNameTheFileAndLineOfAnAlertThatIsNotJson() throws Exception {
        Path alerts = write("a.jsonl", GOOD_ALERT + "\n\nthis is not json\n");
        CliRun run = CliRun.of("evaluate", "--alerts", alerts.toString(), "--labels", fixture("labels.json").toString());
        assertEquals(2, run.exit());
        assertEquals("evaluate: " + alerts + ":3: not valid JSON: Unrecognized token 'this': was expecting "
                + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n", run.err());
    }

    @Test
    void shouldNameTheContractFieldsAnAlertLacks() throws Exception {
        Path alerts = write("a.jsonl", GOOD_ALERT + "\n" + GOOD_ALERT.replace(",\"detected_at\":\"2026-01-12T07:00:00.000Z\"", "")
                .replace(",\"mode\":\"alert\"", "") + "\n");
        CliRun run = CliRun.of("evaluate", "--alerts", alerts.toString(), "--labels", fixture("labels.json").toString());
        assertEquals(2, run.exit());
        assertEquals("evaluate: " + alerts + ":2: not an Alert v1 object: missing detected_at, mode\n", run.err());
    }

    @Test
    void shouldExplainAWrongSchemaOrAnUnreadableTime() throws Exception {
        Path schema = write("s.jsonl", GOOD_ALERT.replace("gatewatch.alert/v1", "gatewatch.alert/v0") + "\n");
        CliRun wrongSchema = CliRun.of("evaluate", "--alerts", schema.toString(), "--labels", fixture("labels.json").toString());
        assertEquals(2, wrongSchema.exit());
        assertEquals("evaluate: " + schema + ":1: not an Alert v1 object: schema must be gatewatch.alert/v1, was "
                + "gatewatch.alert/v0\n", wrongSchema.err());

        Path time = write("t.jsonl", GOOD_ALERT.replace("2026-01-12T07:00:00.000Z", "yesterday") + "\n");
        CliRun badTime = CliRun.of("evaluate", "--alerts", time.toString(), "--labels", fixture("labels.json").toString());
        assertEquals(2, badTime.exit());
        assertEquals("evaluate: " + time + ":1: not an Alert v1 object: detected_at: Text 'yesterday' could not be "
                + "parsed at index 0\n", badTime.err());
    }

    @Test
    void shouldNameTheLineOfBrokenLabelsJson() throws Exception {
        Path labels = write("labels.json", "{\n  \"actors\": [\n    {\"id\": \"x\",}\n  ]\n}\n");
        CliRun run = CliRun.of("evaluate", "--alerts", fixture("alerts.jsonl").toString(), "--labels", labels.toString());
        assertEquals(2, run.exit());
        assertEquals("evaluate: " + labels + ":3: not valid JSON: Unexpected character ('}' (code 125)): was expecting "
                + "double-quote to start field name\n", run.err());
    }

    @Test
    void shouldNameTheLineAndActorOfAnIncompleteLabel() throws Exception {
        Path labels = write("labels.json", """
                {"actors": [
                  {"id": "benign-a", "kind": "benign", "sources": ["1.1.1.1"]},
                  {"id": "attack-b", "kind": "attack", "sources": ["2.2.2.2"],
                   "start": "2026-01-12T07:00:00Z", "end": "2026-01-12T08:00:00Z"}
                ]}
                """);
        CliRun run = CliRun.of("evaluate", "--alerts", fixture("alerts.jsonl").toString(), "--labels", labels.toString());
        assertEquals(2, run.exit());
        assertEquals("evaluate: " + labels + ":3: actor 'attack-b': an attack needs expected_detector\n", run.err());
    }

    @Test
    void shouldRejectALabelWithAnUnknownKindOrAnUnreadableTime() throws Exception {
        Path kind = write("k.json", "{\"actors\": [{\"id\": \"a\", \"kind\": \"evil\", \"sources\": [\"1.1.1.1\"]}]}");
        assertEquals("evaluate: " + kind + ":1: actor 'a': kind = evil: must be attack or benign\n",
                CliRun.of("evaluate", "--alerts", fixture("alerts.jsonl").toString(), "--labels", kind.toString()).err());
        Path time = write("t.json", "{\"actors\": [{\"id\": \"a\", \"kind\": \"attack\", \"expected_detector\": \"x\", "
                + "\"sources\": [\"1.1.1.1\"], \"start\": \"07:00\", \"end\": \"2026-01-12T08:00:00Z\"}]}");
        assertEquals("evaluate: " + time + ":1: actor 'a': start = 07:00: must be an ISO-8601 time like "
                + "2026-01-12T06:00:00Z\n",
                CliRun.of("evaluate", "--alerts", fixture("alerts.jsonl").toString(), "--labels", time.toString()).err());
        Path none = write("n.json", "{\"schema\": \"gatewatch.labels/v1\"}");
        assertEquals("evaluate: " + none + ": no \"actors\" list\n",
                CliRun.of("evaluate", "--alerts", fixture("alerts.jsonl").toString(), "--labels", none.toString()).err());
    }

    @Test
    void shouldTreatAMissingOptionOrUnknownFormatAsUsageErrors() throws Exception {
        CliRun noLabels = CliRun.of("evaluate", "--alerts", fixture("alerts.jsonl").toString());
        assertEquals(2, noLabels.exit());
        assertEquals("detector: evaluate: --labels is required", noLabels.err().lines().findFirst().orElseThrow());
        CliRun csv = CliRun.of("evaluate", "--alerts", "a", "--labels", "b", "--format", "csv");
        assertEquals(2, csv.exit());
        assertEquals("detector: evaluate: --format = csv: must be table or json", csv.err().lines().findFirst().orElseThrow());
    }
}
