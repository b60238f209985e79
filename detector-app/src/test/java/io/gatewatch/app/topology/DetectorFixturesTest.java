package io.gatewatch.app.topology;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.app.contract.AlertContract;
import io.gatewatch.app.detect.AnomalyTraffic;
import io.gatewatch.app.topology.fixture.DetectorFixture;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every folder under {@code src/test/resources/fixtures/<detector>/<case>/} through the production
 * topology, one test each: adding a scenario is adding a folder (docs/extending.md).
 */
class DetectorFixturesTest {
    /** In config.yaml, the path of an anomaly model trained as {@code ./detector train} would, on generated benign traffic. */
    static final String TEST_MODEL = "${test_model}";
    private static final ObjectMapper JSON = Json.newMapper();
    private static final AlertContract CONTRACT = new AlertContract();

    static Stream<Named<Path>> folders() throws URISyntaxException {
        Path root = Path.of(DetectorFixturesTest.class.getResource("/fixtures").toURI());
        List<Path> folders = DetectorFixture.folders(root);
        assertFalse(folders.isEmpty(), "no fixture folders under " + root);
        return folders.stream().map(d -> Named.of(d.getParent().getFileName() + "/" + d.getFileName(), d));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("folders")
    void shouldFireWhatTheFolderExpectsAndNothingItForbids(Path folder) throws Exception {
        DetectorFixture fixture = DetectorFixture.load(folder);
        String config = fixture.config().contains(TEST_MODEL)
                ? fixture.config().replace(TEST_MODEL, TestModel.PATH.toString()) : fixture.config();
        try (TopologyFixture f = new TopologyFixture(config)) {
            for (byte[] line : fixture.lines()) {
                f.raw.pipeInput(new TestRecord<>(null, line, new RecordHeaders()));
            }
            // the route stage closes its tallies on wall-clock time, as a running instance does every second
            f.driver.advanceWallClockTime(Duration.ofSeconds(2));
            List<Alert> alerts = f.alerts.readValuesToList();
            alerts.forEach(CONTRACT::assertValid);
            List<JsonNode> written = alerts.stream().map(a -> (JsonNode) JSON.valueToTree(a)).toList();
            List<String> failures = fixture.expected().failures(written, f.metrics);
            assertTrue(failures.isEmpty(), () -> fixture.name() + " (" + fixture.expected().description().strip()
                    + "):\n  " + String.join("\n  ", failures));
        }
    }

    /** Trained once, on first use, like the @BeforeAll of the inline test it replaces. */
    private static final class TestModel {
        static final Path PATH = train();

        private static Path train() {
            try {
                Path file = Files.createTempFile("gatewatch-fixture", ".model");
                file.toFile().deleteOnExit();
                AnomalyTraffic.trainedModel(2, io.gatewatch.models.behaviour.Algorithm.ROBUST_Z).save(file);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
