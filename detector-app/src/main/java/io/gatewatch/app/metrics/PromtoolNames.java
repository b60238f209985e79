package io.gatewatch.app.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.regex.Pattern;

/**
 * Makes the binders' meters pass {@code promtool check metrics}. Kafka's clients name some figures
 * with unit abbreviations ({@code io-wait-time-ns-total}, {@code start-time-ms}) and some gauges
 * {@code ...-count}; Prometheus wants base units and keeps {@code _count} for histograms. A filter can
 * rename but not rescale, and Micrometer's Kafka binder removes meters by their Kafka name (a renamed
 * one would go stale when its client closes), so those few are dropped: their rates, averages and
 * totals remain. Kafka metrics without a description get one naming the Kafka metric.
 */
final class PromtoolNames {
    private static final Pattern ABBREVIATED_UNIT = Pattern.compile(".*\\.(ns|ms)(\\..*)?");

    private PromtoolNames() {
    }

    static MeterFilter filter() {
        return new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                String name = id.getName();
                boolean kafkaCountGauge = name.startsWith("kafka.") && name.endsWith(".count")
                        && id.getType() != Meter.Type.COUNTER;
                return ABBREVIATED_UNIT.matcher(name).matches() || "ns".equals(id.getBaseUnit()) || kafkaCountGauge
                        ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
            }

            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getName().equals("system.cpu.count")) {
                    return id.withName("system.cpu.processors");
                }
                String help = id.getDescription();
                if ((help == null || help.isBlank()) && id.getName().startsWith("kafka.")) {
                    return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(),
                            "Kafka client metric " + id.getName() + " (see Kafka's monitoring documentation)", id.getType());
                }
                return id;
            }
        };
    }

    /** The process's CPU time in seconds, in place of the binder's nanosecond counter that is dropped. */
    static void bindProcessCpuSeconds(MeterRegistry registry) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            FunctionCounter.builder("process.cpu", sun, b -> b.getProcessCpuTime() / 1e9)
                    .description("CPU time used by the Java process")
                    .baseUnit("seconds")
                    .register(registry);
        }
    }
}
