package io.gatewatch.schema.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigValuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static <T> List<String> problems(ConfigKey<T> key, String json) throws Exception {
        List<String> problems = new ArrayList<>();
        ConfigValues.read(JSON.readTree(json), "block", key, problems);
        return problems;
    }

    private static <T> T value(ConfigKey<T> key, String json) throws Exception {
        List<String> problems = new ArrayList<>();
        T v = ConfigValues.read(JSON.readTree(json), "block", key, problems);
        assertEquals(List.of(), problems);
        return v;
    }

    @Test
    void shouldReadAValueOrItsDefaultWhenAbsentOrNull() throws Exception {
        ConfigKey<Integer> k = ConfigKey.integer("n", 4).range(1, 10);
        assertEquals(7, value(k, "{\"n\": 7}"));
        assertEquals(4, value(k, "{}"));
        assertEquals(4, value(k, "{\"n\": null}"));
    }

    @Test
    void shouldRefuseANumberOutOfRangeSayingWhatIsAllowed() throws Exception {
        assertEquals(List.of("block.n = 0: out of range (allowed: 1 to 10000)"),
                problems(ConfigKey.integer("n", 4).range(1, 10_000), "{\"n\": 0}"));
        assertEquals(List.of("block.ratio = 1.5: out of range (allowed: 0 to 1)"),
                problems(ConfigKey.number("ratio", 0.5).range(0.0, 1.0), "{\"ratio\": 1.5}"));
    }

    @Test
    void shouldRefuseAWrongTypeSayingWhatIsAllowed() throws Exception {
        assertEquals(List.of("block.n = four: must be a whole number (allowed: 1 to 10)"),
                problems(ConfigKey.integer("n", 4).range(1, 10), "{\"n\": \"four\"}"));
        assertEquals(List.of("block.on = yes please: must be true or false"),
                problems(ConfigKey.bool("on", true), "{\"on\": \"yes please\"}"));
        assertEquals(List.of("block.list = 401: must be a list of integer values (allowed: 100 to 599)"),
                problems(ConfigKey.integers("list", List.of()).check(Validator.each(Validator.range(100, 599))),
                        "{\"list\": 401}"));
    }

    @Test
    void shouldRefuseADurationOutOfBoundsOrWithoutAUnit() throws Exception {
        ConfigKey<Duration> grace = ConfigKey.duration("grace", Duration.ofMinutes(5))
                .between(Duration.ZERO, Duration.ofHours(6));
        assertEquals(List.of("block.grace = 7h: out of range (allowed: 0s to 6h)"), problems(grace, "{\"grace\": \"7h\"}"));
        assertEquals(List.of("block.grace = 90: a duration needs a unit, e.g. 90s, 5m, 1h30m or PT90S (allowed: 0s to 6h)"),
                problems(grace, "{\"grace\": 90}"));
        assertEquals(Duration.ofMinutes(90), value(grace, "{\"grace\": \"1h30m\"}"));
    }

    @Test
    void shouldRefuseAValueNotAmongTheChoices() throws Exception {
        assertEquals(List.of("block.mode = loud: unknown value (allowed: alert, shadow)"),
                problems(ConfigKey.choice("mode", "alert", List.of("alert", "shadow")), "{\"mode\": \"loud\"}"));
        assertEquals("SHADOW", value(ConfigKey.choice("mode", "alert", List.of("alert", "shadow")), "{\"mode\": \"SHADOW\"}"));
    }

    @Test
    void shouldRefuseTextNotMatchingItsPattern() throws Exception {
        ConfigKey<String> topic = ConfigKey.text("topic", "t").check(Validator.matches("[a-z.]{1,9}",
                "not a Kafka topic name", "lower-case letters and dots"));
        assertEquals(List.of("block.topic = A B: not a Kafka topic name (allowed: lower-case letters and dots)"),
                problems(topic, "{\"topic\": \"A B\"}"));
    }

    @Test
    void shouldNameTheIndexOfEachRefusedListItemAndKeepTheOthers() throws Exception {
        ConfigKey<List<Integer>> statuses = ConfigKey.integers("statuses", List.of(401))
                .check(Validator.each(Validator.range(100, 599)));
        assertEquals(List.of("block.statuses[1] = 700: out of range (allowed: 100 to 599)",
                        "block.statuses[2] = x: must be a whole number (allowed: 100 to 599)"),
                problems(statuses, "{\"statuses\": [401, 700, \"x\", 403]}"));
    }

    @Test
    void shouldRefuseAValueFailingACustomCheckAndAListOfTheWrongSize() throws Exception {
        ConfigKey<String> even = ConfigKey.text("n", "2").check(Validator.<String>satisfies(
                t -> t.length() % 2 == 0, "odd length", "texts of even length"));
        assertEquals(List.of("block.n = abc: odd length (allowed: texts of even length)"), problems(even, "{\"n\": \"abc\"}"));
        ConfigKey<List<String>> params = ConfigKey.texts("params", List.of("page")).check(Validator.size(1, 4));
        assertEquals(List.of("block.params = []: must list at least one item (allowed: 1 to 4 items)"),
                problems(params, "{\"params\": []}"));
    }

    @Test
    void shouldRefuseAnInlineSecretWithoutShowingIt() throws Exception {
        ConfigKey<String> token = ConfigKey.text("token", null).hidden()
                .check(Validator.refused("a secret must not be written in the config", "the name of a variable, in token_env"));
        List<String> p = problems(token, "{\"token\": \"s3cr3t\"}");
        assertEquals(List.of("block.token = (hidden): a secret must not be written in the config (allowed: the name of a"
                + " variable, in token_env)"), p);
    }

    @Test
    void shouldReportARequiredKeyThatIsMissing() throws Exception {
        assertEquals(List.of("block.path = (missing): required"), problems(ConfigKey.text("path", null).mandatory(), "{}"));
    }

    @Test
    void shouldReportUnknownKeysNamingTheAllowedOnesAndHideWhatLooksLikeACredential() throws Exception {
        List<String> problems = new ArrayList<>();
        JsonNode node = JSON.readTree("{\"window\": \"5m\", \"windw\": \"5m\", \"tokn\": \"abc123\","
                + " \"credential_stufing\": {\"mode\": \"shadow\"}}");
        ConfigValues.unknownKeys(node, "block", List.of("window", "token"), problems);
        assertEquals(List.of("block.windw = 5m: unknown key (allowed: window, token)",
                "block.tokn = (hidden): unknown key (allowed: window, token)",
                "block.credential_stufing = {\"mode\":\"shadow\"}: unknown key (allowed: window, token)"), problems);
    }

    @Test
    void shouldMaskCredentialsInUrlsAndAssignments() {
        assertEquals("https://***@splunk.example:8088/***", ConfigValues.mask("https://admin:hunter2@splunk.example:8088/services/collector"));
        assertEquals("https://hooks.slack.com/***", ConfigValues.mask("https://hooks.slack.com/services/T000/B000/XXXXSECRET"));
        assertEquals("http://127.0.0.1:9000/***?***", ConfigValues.mask("http://127.0.0.1:9000/hook?token=abc"));
        assertEquals("***@splunk:8088", ConfigValues.mask("admin:hunter2@splunk:8088"));
        assertEquals("sasl password=*** user=x", ConfigValues.mask("sasl password=hunter2 user=x"));
        assertEquals("https://127.0.0.1:8088", ConfigValues.mask("https://127.0.0.1:8088"));
        assertEquals("not a url", ConfigValues.mask("not a url"));
        for (String secret : List.of("hunter2", "XXXXSECRET", "token=abc")) {
            assertFalse(ConfigValues.show(JSON.valueToTree("https://u:hunter2@h/XXXXSECRET?token=abc"), false).contains(secret));
        }
    }
}
