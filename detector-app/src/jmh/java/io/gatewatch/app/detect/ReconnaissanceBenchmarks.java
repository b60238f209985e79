package io.gatewatch.app.detect;

import io.gatewatch.app.bench.SyntheticTraffic;
import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.parse.CombinedLogParser;
import io.gatewatch.schema.parse.ParseResult;
import io.gatewatch.schema.parse.Parsers;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The reconnaissance detector's per-event question, "what does this request show?", over the bench's traffic. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReconnaissanceBenchmarks {
    private static final int N = 8_192;
    private final ApiEvent[] events = new ApiEvent[N];
    private ReconnaissanceMatcher matcher;
    private int i;

    @Setup
    public void setUp() throws Exception {
        GatewatchConfig config = new ConfigLoader(Parsers.standard().names(), n -> List.of()).defaults();
        matcher = DetectorRegistry.standard().clientScope(config.detectors()).stream().map(DetectorSlot::base)
                .filter(d -> d instanceof ReconnaissanceDetector).map(d -> ((ReconnaissanceDetector) d).matcher())
                .findFirst().orElseThrow();
        SyntheticTraffic traffic = new SyntheticTraffic(7, 100_000);
        CombinedLogParser parser = CombinedLogParser.nginx(io.gatewatch.schema.SecretHasher.random());
        for (int k = 0; k < N; k++) {
            String line = k % 200 == 0 ? traffic.probe(k % 8, 1_740_830_400_000L) : traffic.background(1_740_830_400_000L);
            events[k] = ((ParseResult.Parsed) parser.parse(line)).events().getFirst();
        }
    }

    @Benchmark
    public ReconnaissanceMatcher.Verdict classify() {
        return matcher.classify(events[i++ & (N - 1)]);
    }
}
