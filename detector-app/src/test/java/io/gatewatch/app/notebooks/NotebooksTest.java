package io.gatewatch.app.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.app.config.CredentialStuffingConfig;
import io.gatewatch.app.config.DataHarvestingConfig;
import io.gatewatch.app.config.DetectorConfig;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.config.ReconnaissanceConfig;
import io.gatewatch.app.config.TrafficSpikeConfig;
import io.gatewatch.schema.parse.Parsers;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * notebooks/choose-thresholds.ipynb is executed headless, as an analyst would with nbconvert, on the
 * committed sample log (the simulator's seed 7): it must run without error, find the simulated client
 * attacks, and print a YAML snippet that Gatewatch's own config loader accepts.
 */
class NotebooksTest {

    private static final String NOTEBOOK = "notebooks/choose-thresholds.ipynb";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    /** The executed notebook; null when jupyter is not installed (every test is then skipped). */
    private static JsonNode executed;

    @BeforeAll
    static void executeNotebook() throws IOException, InterruptedException {
        Path root = repoRoot();
        assertNotNull(root, NOTEBOOK + " not found above " + Path.of("").toAbsolutePath());
        Optional<Path> jupyter = onPath("jupyter");
        if (jupyter.isEmpty()) {
            return;
        }
        Path output = work.resolve("executed.ipynb");
        Path log = work.resolve("nbconvert.log");
        ProcessBuilder pb = new ProcessBuilder(jupyter.get().toString(), "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=120", "--output", output.toString(), NOTEBOOK)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        // The notebook reads these to run on another log; the test is about the committed sample.
        env.remove("GATEWATCH_LOG");
        env.remove("GATEWATCH_MARGIN");
        // Keep Jupyter's and matplotlib's state out of the user's home (CI homes may be read-only).
        env.put("JUPYTER_RUNTIME_DIR", Files.createDirectories(work.resolve("runtime")).toString());
        env.put("MPLCONFIGDIR", Files.createDirectories(work.resolve("mpl")).toString());
        env.put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("nbconvert did not finish within 5 minutes:\n" + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), "nbconvert failed:\n" + Files.readString(log));
        executed = JSON.readTree(output.toFile());
    }

    @Test
    void shouldBeStoredWithoutOutputsSoDiffsStayReadable() throws IOException {
        Path root = repoRoot();
        assertNotNull(root);
        JsonNode stored = JSON.readTree(root.resolve(NOTEBOOK).toFile());
        List<String> dirty = new ArrayList<>();
        int index = 0;
        for (JsonNode cell : stored.path("cells")) {
            if (!cell.path("outputs").isEmpty() || cell.hasNonNull("execution_count")
                    || cell.path("metadata").has("execution")) {
                dirty.add("cell " + index);
            }
            index++;
        }
        assertTrue(index > 0, "no cells in " + NOTEBOOK);
        assertEquals(List.of(), dirty, "outputs stored; clear them as notebooks/README.md says");
    }

    @Test
    void shouldExecuteEveryCellWithoutAnError() {
        assumeJupyter();
        List<String> errors = new ArrayList<>();
        int executedCells = 0;
        for (JsonNode cell : executed.path("cells")) {
            if (!cell.path("cell_type").asText().equals("code")) {
                continue;
            }
            assertTrue(cell.path("execution_count").isInt(), "a code cell was not executed: " + cell.path("source"));
            executedCells++;
            for (JsonNode out : cell.path("outputs")) {
                if (out.path("output_type").asText().equals("error")) {
                    errors.add(out.path("ename").asText() + ": " + out.path("evalue").asText());
                }
            }
        }
        assertTrue(executedCells >= 8, "only " + executedCells + " code cells");
        assertEquals(List.of(), errors);
    }

    @Test
    void shouldDrawOnePlotPerDetector() {
        assumeJupyter();
        long plots = 0;
        for (JsonNode cell : executed.path("cells")) {
            for (JsonNode out : cell.path("outputs")) {
                if (out.path("data").has("image/png")) {
                    plots++;
                }
            }
        }
        assertEquals(4, plots);
    }

    @Test
    void shouldFlagEachSimulatedClientAttackOfTheSampleAndNoBenignClient() {
        assumeJupyter();
        String flagged = stdoutOfCellTagged("flagged-clients");
        // labels.json of `simulate --hours 2 --seed 7 --users 300`: the client-scope attacks in the window.
        assertTrue(flagged.contains("873 clients, 868 benign-looking, 5 flagged at the defaults"), flagged);
        assertTrue(flagged.contains("credential_stuffing: 2 ['ip:203.0.113.45', 'ip:203.0.113.77']"), flagged);
        assertTrue(flagged.contains("reconnaissance: 1 ['ip:203.0.113.99']"), flagged);
        assertTrue(flagged.contains("traffic_spike: 1 ['user:globex-sync']"), flagged);
        assertTrue(flagged.contains("data_harvesting: 1 ['ip:203.0.113.130']"), flagged);
    }

    @Test
    void shouldPrintSuggestedYamlWithEveryThresholdKey() {
        assumeJupyter();
        String yaml = stdoutOfCellTagged("suggested-yaml");
        for (String key : List.of("detectors:", "credential_stuffing:", "windows:", "name: burst", "name: slow",
                "max_failures:", "max_attempts:", "reconnaissance:", "fast_max_points:", "slow_max_points:",
                "traffic_spike:", "min_rate:", "ratio_threshold:", "new_client_max_rate:", "data_harvesting:",
                "max_distinct_ids:", "max_pages:")) {
            assertTrue(yaml.contains(key), "no " + key + " in:\n" + yaml);
        }
    }

    @Test
    void shouldSuggestAConfigGatewatchAcceptsAndNeverBelowTheDefaults() throws Exception {
        assumeJupyter();
        String yaml = stdoutOfCellTagged("suggested-yaml");
        ConfigLoader loader = new ConfigLoader(Parsers.standard().names(), n -> List.of());
        GatewatchConfig suggested = loader.parse(yaml, "suggested-yaml");
        GatewatchConfig defaults = loader.defaults();

        List<CredentialStuffingConfig.Window> windows = block(suggested, CredentialStuffingConfig.class).windows();
        List<CredentialStuffingConfig.Window> defaultWindows = block(defaults, CredentialStuffingConfig.class).windows();
        assertEquals(defaultWindows.size(), windows.size());
        for (int i = 0; i < windows.size(); i++) {
            assertEquals(defaultWindows.get(i).length(), windows.get(i).length());
            assertTrue(windows.get(i).maxFailures() >= defaultWindows.get(i).maxFailures(), windows.get(i).toString());
            assertTrue(windows.get(i).maxAttempts() >= defaultWindows.get(i).maxAttempts(), windows.get(i).toString());
        }
        ReconnaissanceConfig recon = block(suggested, ReconnaissanceConfig.class);
        assertTrue(recon.fastMaxPoints() >= block(defaults, ReconnaissanceConfig.class).fastMaxPoints());
        assertTrue(recon.slowMaxPoints() >= block(defaults, ReconnaissanceConfig.class).slowMaxPoints());
        TrafficSpikeConfig spike = block(suggested, TrafficSpikeConfig.class);
        assertTrue(spike.minRate() >= block(defaults, TrafficSpikeConfig.class).minRate());
        assertTrue(spike.ratioThreshold() >= block(defaults, TrafficSpikeConfig.class).ratioThreshold());
        assertTrue(spike.newClientMaxRate() >= block(defaults, TrafficSpikeConfig.class).newClientMaxRate());
        DataHarvestingConfig harvest = block(suggested, DataHarvestingConfig.class);
        assertTrue(harvest.maxDistinctIds() >= block(defaults, DataHarvestingConfig.class).maxDistinctIds());
        assertTrue(harvest.maxPages() >= block(defaults, DataHarvestingConfig.class).maxPages());
    }

    private static void assumeJupyter() {
        assumeTrue(executed != null,
                "jupyter is not installed (Debian packages jupyter-nbconvert python3-ipykernel python3-pandas "
                        + "python3-matplotlib; .ci/run installs them)");
    }

    private static String stdoutOfCellTagged(String tag) {
        for (JsonNode cell : executed.path("cells")) {
            boolean tagged = false;
            for (JsonNode t : cell.path("metadata").path("tags")) {
                tagged |= t.asText().equals(tag);
            }
            if (!tagged) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            for (JsonNode out : cell.path("outputs")) {
                if (out.path("output_type").asText().equals("stream") && out.path("name").asText().equals("stdout")) {
                    JsonNode t = out.path("text");
                    if (t.isArray()) {
                        t.forEach(line -> text.append(line.asText()));
                    } else {
                        text.append(t.asText());
                    }
                }
            }
            return text.toString();
        }
        return fail("no cell tagged " + tag + " in " + NOTEBOOK);
    }

    private static <T extends DetectorConfig> T block(GatewatchConfig config, Class<T> type) {
        return config.detectors().stream().map(b -> b.base()).filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " block"));
    }

    private static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve(NOTEBOOK))) {
            p = p.getParent();
        }
        return p;
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
