package io.gatewatch.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import io.gatewatch.schema.config.ConfigValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and validates {@code gatewatch.yaml}, collecting every problem before anything starts
 * (Debezium-style), each as {@code file:line: key = value: reason (allowed: ...)}.
 */
public final class ConfigLoader {
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final Set<String> knownFormats;
    private final Function<JsonNode, List<String>> alertingValidator;
    private final DetectorCatalog detectors;

    /**
     * @param knownFormats      parser names accepted for {@code input.format}
     * @param alertingValidator validates the {@code alerting:} block, returning its problems
     * @param detectors         the blocks allowed under {@code detectors:}, from the detector registry
     */
    public ConfigLoader(Set<String> knownFormats, Function<JsonNode, List<String>> alertingValidator,
            List<ConfigSection<?>> detectors) {
        this.knownFormats = Set.copyOf(knownFormats);
        this.alertingValidator = alertingValidator;
        this.detectors = new DetectorCatalog(detectors);
    }

    /** With the standard detectors: what production runs. */
    public ConfigLoader(Set<String> knownFormats, Function<JsonNode, List<String>> alertingValidator) {
        this(knownFormats, alertingValidator, io.gatewatch.app.detect.DetectorRegistry.standard().configSections());
    }

    public GatewatchConfig load(Path file) throws ConfigException {
        String label = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(label + ": file not found"));
        } catch (IOException e) {
            throw new ConfigException(List.of(label + ": cannot read: " + e.getMessage()));
        }
        return parse(text, label, file.toAbsolutePath().resolveSibling(SecretsConfig.KEY_FILE_NAME));
    }

    /**
     * The file's text as already read, e.g. by a reload that also diffs it: one read, so the config and
     * the diff come from the same bytes.
     */
    public GatewatchConfig load(Path file, String text) throws ConfigException {
        return parse(text, file.toString(), file.toAbsolutePath().resolveSibling(SecretsConfig.KEY_FILE_NAME));
    }

    public GatewatchConfig defaults() {
        try {
            return parse("", "(defaults)");
        } catch (ConfigException e) {
            throw new IllegalStateException("the built-in defaults must be valid: " + e.getMessage(), e);
        }
    }

    public GatewatchConfig parse(String yamlText, String label) throws ConfigException {
        return parse(yamlText, label, null);
    }

    private GatewatchConfig parse(String yamlText, String label, Path keyFile) throws ConfigException {
        JsonNode tree;
        try {
            tree = yamlText.isBlank() ? JsonNodeFactory.instance.objectNode() : yaml.readTree(yamlText);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new ConfigException(List.of(label + where + ": not valid YAML: " + e.getOriginalMessage()));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            tree = JsonNodeFactory.instance.objectNode();
        }
        List<String> problems = new ArrayList<>();
        if (!tree.isObject()) {
            throw new ConfigException(List.of(label + ": the top level must be a mapping of keys to values"));
        }
        GatewatchConfig config = read(ConfigNode.root(tree, problems), keyFile);
        if (config.alerting() != null) {
            alertingValidator.apply(config.alerting()).forEach(problems::add);
        }
        if (!problems.isEmpty()) {
            // In file order, so that an analyst fixes them top to bottom; problems with no place in the file last.
            YamlLines lines = YamlLines.of(yamlText);
            throw new ConfigException(problems.stream()
                    .sorted(java.util.Comparator.comparingInt(lines::sortKey))
                    .map(p -> lines.locate(label, p)).toList());
        }
        return config;
    }

    private GatewatchConfig read(ConfigNode root, Path keyFile) {
        root.allowOnly(GatewatchKeys.root(knownFormats));
        KafkaSettings kafka = KafkaSettings.read(root.child("kafka"));

        ConfigNode input = root.child("input");
        ConfigKey<String> formatKey = GatewatchKeys.inputFormat(knownFormats);
        input.allowOnly(ConfigDef.of(formatKey));
        String format = input.get(formatKey);

        ConfigNode identity = root.child("identity");
        identity.allowOnly(GatewatchKeys.IDENTITY);
        List<IdentityKind> order = new ArrayList<>();
        List<String> orderTexts = identity.get(GatewatchKeys.IDENTITY_ORDER);
        for (int i = 0; i < orderTexts.size(); i++) {
            IdentityKind kind = ConfigValues.constant(IdentityKind.class, orderTexts.get(i));
            if (order.contains(kind)) {
                identity.problem("order[" + i + "]", identity.json().get("order").get(i), "listed twice");
            } else {
                order.add(kind);
            }
        }
        if (!order.contains(IdentityKind.IP) && !orderTexts.isEmpty()) {
            identity.problem("order", identity.json().get("order"),
                    "must end with ip, so that every event has a client key");
        }
        if (!order.contains(IdentityKind.IP)) {
            order.add(IdentityKind.IP);
        }

        List<RouteGlob> loginRoutes = root.get(GatewatchKeys.LOGIN_ROUTES).stream().map(RouteGlob::parse).toList();

        ConfigNode time = root.child("time");
        time.allowOnly(GatewatchKeys.TIME);
        Duration grace = time.get(GatewatchKeys.GRACE);
        Duration idle = time.get(GatewatchKeys.IDLE_EXPIRY);
        Duration maxFuture = time.get(GatewatchKeys.MAX_FUTURE);

        return new GatewatchConfig(kafka, format, List.copyOf(order), loginRoutes, Allowlist.read(root.child("allowlist")),
                grace, idle, maxFuture, readDetectors(root.child("detectors")),
                root.has("alerting") ? root.json().get("alerting") : null,
                ApiSettings.read(root.child("api"), System.getenv()), InventorySettings.read(root.child("inventory")),
                SecretsConfig.read(root.child("secrets"), keyFile),
                PopulationSettings.read(root.child("populations")));
    }

    private List<DetectorBlock> readDetectors(ConfigNode n) {
        n.allowOnly(detectors.ids().toArray(String[]::new));
        return detectors.ids().stream().map(id -> detectors.read(id, n.child(id))).toList();
    }
}
