package io.gatewatch.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import io.gatewatch.schema.config.ConfigValues;
import io.gatewatch.schema.parse.Parsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {
    private static final Path ROOT = repositoryRoot();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void shouldFailWhenTheCommittedSchemaOrReferenceIsStale() throws IOException {
        if (Boolean.getBoolean("gatewatch.regenerate")) {
            ConfigDocs.write(ROOT);
        }
        assertEquals(ConfigDocs.schema(), read(ConfigDocs.SCHEMA_FILE),
                ConfigDocs.SCHEMA_FILE + " is stale: regenerate it with " + ConfigDocs.REGENERATE);
        assertEquals(ConfigDocs.reference(), read(ConfigDocs.REFERENCE_FILE),
                ConfigDocs.REFERENCE_FILE + " is stale: regenerate it with " + ConfigDocs.REGENERATE);
    }

    @Test
    void shouldAcceptTheShippedConfigFilesUnderTheGeneratedSchema() throws IOException {
        JsonSchema schema = schema();
        for (String file : List.of("gatewatch.yaml", "deploy/gatewatch.compose.yaml")) {
            Set<ValidationMessage> errors = schema.validate(YAML.readTree(ROOT.resolve(file).toFile()));
            assertEquals(Set.of(), errors, file);
        }
    }

    @Test
    void shouldPointEditorsAtTheSchemaFromTheShippedFile() throws IOException {
        assertTrue(Files.readAllLines(ROOT.resolve("gatewatch.yaml")).getFirst()
                .equals("# yaml-language-server: $schema=docs/gatewatch.schema.json"));
    }

    @Test
    void shouldRefuseUnderTheSchemaWhatTheLoaderRefuses() throws IOException {
        JsonSchema schema = schema();
        List<String> broken = List.of(
                "time: {grace: 90}",
                "time: {grace: 5 minutes}",
                "kafka: {partitions: 0}",
                "kafka: {topics: {raw: 'has space'}}",
                "detectors: {credential_stufing: {}}",
                "detectors: {reconnaissance: {mode: loud}}",
                "detectors: {credential_stuffing: {windows: []}}",
                "detectors: {traffic_spike: {overrides: [{route: /a, interval: 1m}]}}",
                "alerting: {sinks: [{name: x, type: sms}]}",
                "alerting: {sinks: [{name: x, type: file}]}",
                "alerting: {sinks: [{name: x, type: webhook, url_env: HOOK, url: 'https://h/secret'}]}",
                "identity: {order: [cookie, ip]}");
        for (String yaml : broken) {
            assertTrue(!schema.validate(YAML.readTree(yaml)).isEmpty(), "the schema accepts: " + yaml);
            ConfigLoader loader = new ConfigLoader(Parsers.standard().names(), n -> List.of("alerting refused"));
            assertTrue(refused(loader, yaml), "the loader accepts: " + yaml);
        }
    }

    @Test
    void shouldDeclareTheDefaultsThatTheShippedFileWritesDown() throws Exception {
        ConfigLoader loader = new ConfigLoader(Parsers.standard().names(), n -> List.of());
        GatewatchConfig shipped = loader.load(ROOT.resolve("gatewatch.yaml"));
        // a file names where a generated hash key is kept (next to it); no file, no place: the only difference allowed
        assertEquals(ROOT.resolve("gatewatch.hash-key").toAbsolutePath().normalize(),
                shipped.secrets().keyFile().toAbsolutePath().normalize());
        assertEquals(loader.defaults(), new GatewatchConfig(shipped.kafka(), shipped.inputFormat(), shipped.identityOrder(),
                shipped.loginRoutes(), shipped.allowlist(), shipped.grace(), shipped.idleExpiry(), shipped.maxFuture(),
                shipped.detectors(), shipped.alerting(), shipped.api(), shipped.inventory(), SecretsConfig.NONE,
                shipped.populations()));

        List<String> differences = new ArrayList<>();
        int[] compared = {0};
        compare(ConfigDocs.root(), YAML.readTree(ROOT.resolve("gatewatch.yaml").toFile()), "", differences, compared);
        assertEquals(List.of(), differences, "gatewatch.yaml says one default, the declaration another");
        assertTrue(compared[0] > 60, "compared only " + compared[0] + " keys");
    }

    /** Every key written in the file is read under its declaration and must equal the declared default. */
    private static void compare(ConfigDef def, JsonNode node, String path, List<String> differences, int[] compared) {
        for (ConfigDef.Entry e : def.entries()) {
            JsonNode v = node.get(e.name());
            if (v == null || v.isNull()) {
                continue;
            }
            String at = ConfigValues.join(path, e.name());
            switch (e) {
                case ConfigKey<?> k -> {
                    List<String> problems = new ArrayList<>();
                    Object read = ConfigValues.read(node, path, k, problems);
                    compared[0]++;
                    if (!problems.isEmpty() || !Objects.equals(read, k.defaultValue())) {
                        differences.add(at + ": file " + v + ", declared " + k.shownDefault() + " " + problems);
                    }
                }
                case ConfigDef.Section s -> compare(s.def(), v, at, differences, compared);
                default -> {
                    // Lists of mappings (windows) are compared as a whole through the loader above.
                }
            }
        }
    }

    private static boolean refused(ConfigLoader loader, String yaml) {
        try {
            loader.parse(yaml, "t.yaml");
            return false;
        } catch (ConfigException e) {
            return true;
        }
    }

    private static JsonSchema schema() throws IOException {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(new ObjectMapper().readTree(ROOT.resolve(ConfigDocs.SCHEMA_FILE).toFile()));
    }

    private static String read(String file) throws IOException {
        Path p = ROOT.resolve(file);
        return Files.exists(p) ? Files.readString(p) : "";
    }

    private static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("gatewatch.yaml"))) {
            p = p.getParent();
        }
        return Objects.requireNonNull(p, "no gatewatch.yaml above the working directory");
    }
}
