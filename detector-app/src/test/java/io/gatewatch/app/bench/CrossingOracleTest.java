package io.gatewatch.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.topology.TopologyFixture;
import io.gatewatch.schema.parse.Parsers;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CrossingOracleTest {
    private static final long T0 = 1_740_830_400_000L;

    /** The oracle is only worth its latency figures if it names the very line the topology alerts on. */
    @Test
    void shouldNameTheSameLinesAndAlertsAsTheTopologyWithTheDefaultConfig() throws Exception {
        SyntheticTraffic traffic = new SyntheticTraffic(5, 2_000);
        SplittableRandom random = new SplittableRandom(6);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            long ts = T0 + i * 50L;
            int pick = random.nextInt(10);
            lines.add(pick < 2 ? traffic.bruteForce(random.nextInt(3), ts)
                    : pick == 2 ? traffic.probe(random.nextInt(3), ts) : traffic.background(ts));
        }
        List<String> predicted = new ArrayList<>();
        List<String> raised = new ArrayList<>();
        try (TopologyFixture topology = new TopologyFixture()) {
            CrossingOracle oracle = new CrossingOracle(topology.config, Parsers.standard(), "nginx");
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.startsWith("198.1")) {
                    for (CrossingOracle.Expected x : oracle.observe(line)) {
                        predicted.add(i + " " + x);
                    }
                }
                topology.pipe(List.of(line));
                for (var a : topology.alerts.readValuesToList()) {
                    raised.add(i + " " + CrossingOracle.Expected.of(a));
                }
            }
        }
        assertTrue(predicted.size() >= 6, "three brute-forcers each open an alert and update it: " + predicted);
        assertEquals(raised, predicted);
    }
}
