package io.gatewatch.app.reload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gatewatch.app.config.ConfigException;
import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.app.config.DetectorBlock;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.config.LiveConfig;
import io.gatewatch.app.detect.DetectorDescriptor;
import io.gatewatch.app.detect.DetectorRegistry;
import io.gatewatch.schema.config.ConfigDef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the config file again and publishes it to the {@link LiveConfig} when every change is to a key
 * declared live ({@code .reloadable()}) and no detector's state section changes shape; otherwise refuses
 * it, naming each key that needs a restart, and the running config stays. Each reload is logged with its
 * diff (secrets hidden) and counted. The triggers (file watch, SIGHUP, {@code POST /config/reload}) all
 * call {@link #reload}; it is synchronized, so two at once run one after the other.
 */
public final class ConfigReloader {
    private static final Logger log = LoggerFactory.getLogger(ConfigReloader.class);
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final Path file;
    private final ConfigLoader loader;
    private final ConfigDiff diff;
    private final DetectorRegistry detectors;
    private final Map<String, String> heldHere;
    private final ReloadMetrics metrics;
    private final LiveConfig live;
    private String runningText;

    /**
     * @param keys     every key of the file ({@code GatewatchKeys.root}): which are live
     * @param heldHere live keys (dotted prefixes) this process reads only at start, with the reason: a
     *                 change to one is refused like a non-live key
     */
    private ConfigReloader(Path file, String text, GatewatchConfig config, ConfigLoader loader, ConfigDef keys,
            DetectorRegistry detectors, Map<String, String> heldHere, ReloadMetrics metrics) {
        this.file = file;
        this.loader = loader;
        this.diff = new ConfigDiff(keys);
        this.detectors = detectors;
        this.heldHere = new LinkedHashMap<>(heldHere);
        this.metrics = metrics;
        this.runningText = text;
        this.live = new LiveConfig(config);
    }

    /** Reads and validates the file once: the first generation. */
    public static ConfigReloader open(Path file, ConfigLoader loader, ConfigDef keys, DetectorRegistry detectors,
            Map<String, String> heldHere, ReloadMetrics metrics) throws ConfigException {
        String text = read(file);
        return new ConfigReloader(file, text, loader.load(file, text), loader, keys, detectors, heldHere, metrics);
    }

    public LiveConfig live() {
        return live;
    }

    public Path file() {
        return file;
    }

    /** @param trigger what asked, for the log line: {@code file change}, {@code SIGHUP}, {@code POST /config/reload} */
    public synchronized ReloadOutcome reload(String trigger) {
        ReloadOutcome outcome = attempt();
        metrics.record(outcome);
        String head = "config reload (" + trigger + ") of " + file + ": " + outcome.name();
        switch (outcome) {
            case ReloadOutcome.Unchanged u -> log.info("{}: the file holds the running config (generation {})", head,
                    u.generation());
            case ReloadOutcome.Applied a -> log.info("{}, generation {}: {}", head, a.generation(), a.changes());
            case ReloadOutcome.Refused r -> log.warn("{}; the running config (generation {}) stays: {}", head,
                    r.generation(), String.join("; ", r.reasons()));
            case ReloadOutcome.Invalid i -> log.warn("{}; the running config (generation {}) stays: {}", head,
                    i.generation(), String.join("; ", i.problems()));
        }
        return outcome;
    }

    private ReloadOutcome attempt() {
        long running = live.current().number();
        String text;
        try {
            text = read(file);
        } catch (ConfigException e) {
            return new ReloadOutcome.Invalid(running, e.problems());
        }
        if (text.equals(runningText)) {
            return new ReloadOutcome.Unchanged(running);
        }
        GatewatchConfig next;
        try {
            next = loader.load(file, text);
        } catch (ConfigException e) {
            return new ReloadOutcome.Invalid(running, e.problems());
        }
        List<ConfigDiff.Change> changes;
        try {
            changes = diff.between(tree(runningText), tree(text));
        } catch (JsonProcessingException e) {
            return new ReloadOutcome.Invalid(running, List.of(file + ": not valid YAML: " + e.getOriginalMessage()));
        }
        if (changes.isEmpty()) {
            runningText = text;
            return new ReloadOutcome.Unchanged(running);
        }
        List<String> refusals = new ArrayList<>();
        for (ConfigDiff.Change c : changes) {
            String held = held(c.key());
            if (!c.live()) {
                refusals.add(file + ": " + c + ": needs a restart");
            } else if (held != null) {
                refusals.add(file + ": " + c + ": needs a restart (" + held + ")");
            }
        }
        if (refusals.isEmpty()) {
            refusals.addAll(reshaped(live.config(), next));
        }
        if (!refusals.isEmpty()) {
            return new ReloadOutcome.Refused(running, refusals, changes);
        }
        String unbuildable = trialBuild(next);
        if (unbuildable != null) {
            return new ReloadOutcome.Invalid(running, List.of(file + ": " + unbuildable));
        }
        runningText = text;
        return new ReloadOutcome.Applied(live.publish(next), changes);
    }

    private String held(String key) {
        for (Map.Entry<String, String> h : heldHere.entrySet()) {
            if (key.equals(h.getKey()) || key.startsWith(h.getKey() + ".") || key.startsWith(h.getKey() + "[")) {
                return h.getValue();
            }
        }
        return null;
    }

    /**
     * A second guard behind the live flags: a detector enabled before and after whose state section would
     * be fingerprinted differently would have its state dropped key by key, so the change is refused.
     */
    private List<String> reshaped(GatewatchConfig before, GatewatchConfig after) {
        List<String> out = new ArrayList<>();
        for (DetectorBlock b : after.detectors()) {
            DetectorBlock old = before.detectors().stream().filter(o -> o.id().equals(b.id())).findFirst().orElse(null);
            if (old == null || !old.settings().enabled() || !b.settings().enabled()) {
                continue;
            }
            DetectorDescriptor<?> d = detectors.of(b.base());
            int was = d.fingerprint(old.base());
            int now = d.fingerprint(b.base());
            if (was != now) {
                out.add(String.format("%s: detectors.%s: the change reshapes its state (fingerprint %04x → %04x): needs a restart",
                        file, b.id(), was, now));
            }
        }
        return out;
    }

    /**
     * Builds the detectors once here, so that what a stream thread builds from the new generation cannot
     * fail there (e.g. the anomaly model file removed since start); the reason, or null.
     */
    private String trialBuild(GatewatchConfig next) {
        try {
            detectors.clientScope(next.detectors());
            detectors.routeScope(next.detectors());
            return null;
        } catch (RuntimeException e) {
            return "the detectors cannot be built from it: " + e.getMessage();
        }
    }

    private JsonNode tree(String text) throws JsonProcessingException {
        return text.isBlank() ? null : yaml.readTree(text);
    }

    private static String read(Path file) throws ConfigException {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read: " + e.getMessage()));
        }
    }
}
