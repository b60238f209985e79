package io.gatewatch.schema.parse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.schema.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The log formats Gatewatch reads, by the name used in config, on the CLI and in the {@code format}
 * record header. Immutable; {@link #with(LogParser)} makes a copy with one more (or a replaced) format,
 * e.g. a {@code json} parser with a field mapping from config.
 */
public final class Parsers {
    private final Map<String, LogParser> byName;

    private Parsers(Map<String, LogParser> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /**
     * Every built-in format: {@code nginx} and {@code apache} (combined/common), and {@code auto}, which
     * detects JSON vs text per record. Text records {@code auto} cannot attribute are read as
     * combined lines with gateway {@code nginx}.
     */
    public static Parsers standard() {
        ObjectMapper mapper = Json.newMapper();
        Map<String, LogParser> parsers = new LinkedHashMap<>();
        CombinedLogParser nginx = CombinedLogParser.nginx();
        parsers.put(nginx.format(), nginx);
        parsers.put("apache", CombinedLogParser.apache());
        List<JsonFormat> jsonFormats = new ArrayList<>();
        parsers.put(AutoParser.NAME, new AutoParser(mapper, nginx, jsonFormats));
        return new Parsers(parsers);
    }

    /** The parser for a format name; names are case-sensitive and lower-case. */
    public LogParser forName(String name) {
        LogParser parser = name == null ? null : byName.get(name);
        if (parser == null) {
            throw new IllegalArgumentException("unknown log format '" + name + "'; allowed: " + String.join(", ", byName.keySet()));
        }
        return parser;
    }

    /** The registered format names, in registration order. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** A registry with {@code parser} added under its {@link LogParser#format()}, replacing any of that name. */
    public Parsers with(LogParser parser) {
        Map<String, LogParser> copy = new LinkedHashMap<>(byName);
        copy.put(parser.format(), parser);
        return new Parsers(copy);
    }
}
