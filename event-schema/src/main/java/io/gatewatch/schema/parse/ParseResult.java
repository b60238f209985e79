package io.gatewatch.schema.parse;

import io.gatewatch.schema.ApiEvent;
import java.util.List;

/** What a parser makes of one record: events (a batched Kong record holds several), or a reason it could not. */
public sealed interface ParseResult permits ParseResult.Parsed, ParseResult.Rejected {

    static ParseResult of(ApiEvent event) {
        return new Parsed(List.of(event));
    }

    static ParseResult rejected(String reason) {
        return new Rejected(reason);
    }

    record Parsed(List<ApiEvent> events) implements ParseResult {
        public Parsed {
            events = List.copyOf(events);
        }
    }

    /** @param reason one line a person can act on, e.g. {@code "nginx: no closing quote after request"} */
    record Rejected(String reason) implements ParseResult {
    }
}
