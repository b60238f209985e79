package io.gatewatch.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and validates {@code gatewatch.yaml}, collecting every problem before anything starts
 * (Debezium-style), each as {@code file: key = value: reason}.
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
        return parse(text, label);
    }

    public GatewatchConfig defaults() {
        try {
            return parse("", "(defaults)");
        } catch (ConfigException e) {
            throw new IllegalStateException("the built-in defaults must be valid: " + e.getMessage(), e);
        }
    }

    public GatewatchConfig parse(String yamlText, String label) throws ConfigException {
        JsonNode tree;
        try {
            tree = yamlText.isBlank() ? JsonNodeFactory.instance.objectNode() : yaml.readTree(yamlText);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new ConfigException(List.of(label + ": not valid YAML" + where + ": " + e.getOriginalMessage()));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            tree = JsonNodeFactory.instance.objectNode();
        }
        List<String> problems = new ArrayList<>();
        if (!tree.isObject()) {
            throw new ConfigException(List.of(label + ": the top level must be a mapping of keys to values"));
        }
        GatewatchConfig config = read(ConfigNode.root(tree, problems));
        if (config.alerting() != null) {
            alertingValidator.apply(config.alerting()).forEach(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.stream().map(p -> label + ": " + p).toList());
        }
        return config;
    }

    private GatewatchConfig read(ConfigNode root) {
        root.allowOnly("kafka", "input", "identity", "login_routes", "allowlist", "time", "detectors", "alerting");
        KafkaSettings kafka = KafkaSettings.read(root.child("kafka"));

        ConfigNode input = root.child("input");
        input.allowOnly("format");
        String format = input.text("format", "nginx");
        if (!knownFormats.contains(format)) {
            input.problem("format", input.json().get("format"), "unknown format; known: " + String.join(", ",
                    knownFormats.stream().sorted().toList()));
        }

        ConfigNode identity = root.child("identity");
        identity.allowOnly("order");
        List<IdentityKind> order = new ArrayList<>();
        List<String> orderTexts = identity.texts("order", List.of("api_key", "user", "ip"));
        for (int i = 0; i < orderTexts.size(); i++) {
            IdentityKind kind = identityKind(orderTexts.get(i));
            if (kind == null || order.contains(kind)) {
                identity.problem("order[" + i + "]", identity.json().get("order").get(i),
                        kind == null ? "must be one of api_key, user, ip" : "listed twice");
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

        List<RouteGlob> loginRoutes = root.has("login_routes")
                ? RouteGlob.readAll(root, "login_routes")
                : GatewatchConfig.DEFAULT_LOGIN_ROUTES.stream().map(RouteGlob::parse).toList();

        ConfigNode time = root.child("time");
        time.allowOnly("grace", "idle_expiry", "max_future");
        Duration grace = time.duration("grace", Duration.ofMinutes(5), Duration.ZERO, Duration.ofHours(6));
        Duration idle = time.duration("idle_expiry", Duration.ofHours(24), Duration.ofMinutes(1), Duration.ofDays(30));
        // At most 55m: below the broker's default one-hour limit, so an accepted event can always be written back.
        Duration maxFuture = time.duration("max_future", Duration.ofMinutes(15), Duration.ZERO, Duration.ofMinutes(55));

        return new GatewatchConfig(kafka, format, List.copyOf(order), loginRoutes, Allowlist.read(root.child("allowlist")),
                grace, idle, maxFuture, readDetectors(root.child("detectors")),
                root.has("alerting") ? root.json().get("alerting") : null);
    }

    private List<DetectorBlock> readDetectors(ConfigNode n) {
        n.allowOnly(detectors.ids().toArray(String[]::new));
        return detectors.ids().stream().map(id -> detectors.read(id, n.child(id))).toList();
    }

    private static IdentityKind identityKind(String s) {
        for (IdentityKind k : EnumSet.allOf(IdentityKind.class)) {
            if (k.name().equalsIgnoreCase(s)) {
                return k;
            }
        }
        return null;
    }
}
