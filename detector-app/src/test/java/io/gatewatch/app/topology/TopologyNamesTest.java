package io.gatewatch.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.app.metrics.GatewatchMetrics;
import io.gatewatch.schema.parse.Parsers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A renamed store orphans its state and a renamed processor changes internal topic names, so the
 * topology's description is pinned: change the golden file only on purpose, with a migration note.
 */
class TopologyNamesTest {
    @Test
    void shouldKeepEveryProcessorStoreAndTopicNameStable() throws IOException {
        Parsers parsers = Parsers.standard();
        var config = new ConfigLoader(parsers.names(), n -> List.of()).defaults();
        String described = GatewatchTopology.build(config, parsers, GatewatchMetrics.inMemory()).describe().toString();
        try (InputStream golden = getClass().getResourceAsStream("/golden/topology.txt")) {
            assertEquals(new String(golden.readAllBytes(), StandardCharsets.UTF_8).strip(), described.strip());
        }
    }
}
