package io.gatewatch.app.topology;

import io.gatewatch.app.metrics.GatewatchMetrics;
import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.ApiEventSerde;
import io.gatewatch.schema.parse.LogParser;
import io.gatewatch.schema.parse.ParseResult;
import io.gatewatch.schema.parse.Parsers;
import io.gatewatch.schema.parse.RouteTemplater;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Raw record to ApiEvents keyed by client key, or to the dead-letter topic with the reason. The
 * parser named by the record's {@code format} header wins over the configured default.
 */
final class NormalizeProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    static final String FORMAT_HEADER = "format";
    static final String STAGE = "normalize";
    private final Parsers parsers;
    private final String defaultFormat;
    private final ClientKeyResolver keys;
    private final GatewatchMetrics metrics;
    private final EventTimeWindow timeWindow;
    private final Serializer<ApiEvent> json = new ApiEventSerde().serializer();
    private final Map<String, LogParser> byFormat = new HashMap<>();
    private ProcessorContext<byte[], byte[]> context;
    /** The newest event time this task has written: the detect stage orders the raw partitions by it. */
    private long newest;

    NormalizeProcessor(Parsers parsers, String defaultFormat, ClientKeyResolver keys, EventTimeWindow timeWindow,
            GatewatchMetrics metrics) {
        this.parsers = parsers;
        this.timeWindow = timeWindow;
        this.defaultFormat = defaultFormat;
        this.keys = keys;
        this.metrics = metrics;
        metrics.deadLetterStage(STAGE);
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.rawRecord();
        String format = DeadLetters.header(record.headers(), FORMAT_HEADER);
        if (format == null || format.isBlank()) {
            format = defaultFormat;
        }
        LogParser parser = parserFor(format);
        if (parser == null) {
            deadLetter(record, "unknown format '" + format + "' in the record's format header; known: "
                    + String.join(", ", parsers.names()));
            return;
        }
        if (record.value() == null || record.value().length == 0) {
            deadLetter(record, "empty record");
            return;
        }
        if (record.value().length > LineLimit.MAX_BYTES) {
            // another shipper may send what replay and ingest would not: never handed to a parser
            deadLetter(record, String.format("record of %,d bytes is over the %,d-byte line limit",
                    record.value().length, LineLimit.MAX_BYTES));
            return;
        }
        ParseResult result;
        try {
            result = parser.parse(stripLineEnd(new String(record.value(), StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            // A parser bug must not stop the pipeline; the line is kept with the error for a bug report.
            result = ParseResult.rejected(format + ": parser error " + e);
        }
        switch (result) {
            case ParseResult.Parsed parsed -> {
                metrics.parsed(format, parsed.events().size());
                for (ApiEvent e : parsed.events()) {
                    String outside = timeWindow.reject(e.ts().toEpochMilli(), context.currentSystemTimeMs());
                    if (outside != null) {
                        deadLetter(record, format + ": " + outside);
                    } else {
                        forwardEvent(e);
                    }
                }
            }
            case ParseResult.Rejected rejected -> deadLetter(record, rejected.reason());
        }
    }

    private void forwardEvent(ApiEvent parsed) {
        ApiEvent e = parsed.route() == null && parsed.path() != null
                ? parsed.toBuilder().route(RouteTemplater.template(parsed.path())).build()
                : parsed;
        byte[] key = keys.keyOf(e).getBytes(StandardCharsets.UTF_8);
        long ts = e.ts().toEpochMilli();
        newest = Math.max(newest, ts);
        int partition = context.recordMetadata().map(m -> m.partition()).orElse(0);
        context.forward(new Record<>(key, json.serialize(null, e), ts, new RawProgress(partition, newest).headers()),
                GatewatchTopology.EVENTS_SINK);
    }

    private void deadLetter(Record<byte[], byte[]> record, String reason) {
        metrics.deadLettered(STAGE);
        context.forward(record.withHeaders(DeadLetters.headers(record.headers(), STAGE, reason,
                context.recordMetadata().orElse(null))), GatewatchTopology.RAW_DLQ_SINK);
    }

    private LogParser parserFor(String format) {
        LogParser p = byFormat.get(format);
        if (p == null && parsers.names().contains(format)) {
            p = parsers.forName(format);
            byFormat.put(format, p);
        }
        return p;
    }

    private static String stripLineEnd(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return end == s.length() ? s : s.substring(0, end);
    }
}
