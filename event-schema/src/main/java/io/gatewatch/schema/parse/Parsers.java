package io.gatewatch.schema.parse;

import java.util.Set;

/** TEMPORARY STUB until the parsers branch merges. */
public final class Parsers {
    public static Parsers standard() { return new Parsers(); }
    public Set<String> names() { return Set.of("nginx"); }
    public LogParser forName(String name) {
        return new LogParser() {
            public String format() { return "nginx"; }
            public ParseResult parse(String line) { return StubCombined.parse(line); }
        };
    }
}
