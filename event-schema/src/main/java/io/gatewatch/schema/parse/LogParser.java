package io.gatewatch.schema.parse;

/**
 * Turns one raw access-log record into ApiEvents. Implementations never throw on bad input: every
 * problem is a {@link ParseResult.Rejected} with a reason, so a bad line reaches the dead-letter topic
 * instead of killing a stream thread. Implementations are thread-safe and compile any pattern once.
 */
public interface LogParser {

    /** The name used in config, CLI and the {@code format} record header, e.g. {@code nginx}. */
    String format();

    ParseResult parse(String record);
}
