package io.gatewatch.schema.parse;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.SecretHasher;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts every JSON access-log parser shares: one JSON value per record (CRI-wrapped lines
 * unwrapped), an array read as a batch of objects, and no exception ever leaving {@link #parse}.
 * A batch with one unreadable element is rejected whole, so the dead-letter topic keeps it intact.
 */
abstract class JsonLineParser implements JsonFormat {
    private final String format;
    private final ObjectMapper mapper;
    final Credentials credentials;

    JsonLineParser(String format, ObjectMapper mapper, SecretHasher hasher) {
        if (format == null || format.isBlank()) {
            throw new IllegalArgumentException("format name must not be blank");
        }
        this.format = format;
        this.mapper = java.util.Objects.requireNonNull(mapper, "mapper");
        this.credentials = new Credentials(hasher);
    }

    @Override
    public final String format() {
        return format;
    }

    /** One object of this format to an event, or a rejection; may throw only on a programming error. */
    abstract ParseResult event(JsonNode object);

    /** A record that is not JSON; formats with a text variant (Envoy, Traefik) override this and {@link #hasTextVariant}. */
    ParseResult textRecord(String record, int from) {
        return reject("not a JSON record");
    }

    boolean hasTextVariant() {
        return false;
    }

    /**
     * Where a JSON object starts after a shipper's prefix (syslog time and host, as Fastly's syslog
     * streaming writes): the first {@code {} when no quote precedes it; -1 otherwise.
     */
    private static int jsonAfterPrefix(String s, int from) {
        int brace = s.indexOf('{', from);
        if (brace < 0 || brace - from > 256) {
            return -1;
        }
        for (int k = from; k < brace; k++) {
            if (s.charAt(k) == '"') {
                return -1;
            }
        }
        return brace;
    }

    @Override
    public final ParseResult parse(String record) {
        if (record == null) {
            return reject("null record");
        }
        try {
            int i = Text.skipSpaces(record, 0, record.length());
            if (i == record.length()) {
                return reject("empty line");
            }
            String json = record;
            if (!looksLikeJson(record, i)) {
                int start = Cri.messageStart(record);
                if (start == Cri.PARTIAL) {
                    return reject("partial CRI line (P): the runtime split a long record; raise its max log line size");
                }
                if (start == Cri.NOT_CRI) {
                    int brace = hasTextVariant() ? -1 : jsonAfterPrefix(record, i);
                    if (brace < 0) {
                        return textRecord(record, i);
                    }
                    start = brace;
                }
                int inner = Text.skipSpaces(record, start, record.length());
                if (!looksLikeJson(record, inner)) {
                    return textRecord(record, inner);
                }
                json = record.substring(inner);
            }
            JsonNode node;
            try {
                node = mapper.readTree(json);
            } catch (JacksonException e) {
                return reject("not valid JSON (" + JsonSupport.firstLine(e) + ")");
            }
            return parseTree(node);
        } catch (RuntimeException e) {
            return reject("unreadable record (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** An object, or an array of objects or arrays; {@code [2016-...} is a text line starting with a time. */
    static boolean looksLikeJson(String s, int i) {
        if (i >= s.length()) {
            return false;
        }
        char c = s.charAt(i);
        if (c == '{') {
            return true;
        }
        if (c != '[') {
            return false;
        }
        int j = Text.skipSpaces(s, i + 1, s.length());
        return j < s.length() && (s.charAt(j) == '{' || s.charAt(j) == '[' || s.charAt(j) == ']');
    }

    @Override
    public final ParseResult parseTree(JsonNode node) {
        try {
            if (node == null || node.isMissingNode()) {
                return reject("empty record");
            }
            if (node.isObject()) {
                return event(node);
            }
            if (!node.isArray() || node.isEmpty()) {
                return reject("expected a JSON object or a non-empty array of objects");
            }
            List<ApiEvent> events = new ArrayList<>(node.size());
            for (int k = 0; k < node.size(); k++) {
                JsonNode element = node.get(k);
                ParseResult one = element.isObject() ? event(element) : reject("not an object");
                switch (one) {
                    case ParseResult.Parsed parsed -> events.addAll(parsed.events());
                    case ParseResult.Rejected rejected -> {
                        return ParseResult.rejected(rejected.reason() + " (element " + (k + 1) + " of " + node.size() + ")");
                    }
                }
            }
            return new ParseResult.Parsed(events);
        } catch (RuntimeException e) {
            return reject("unreadable record (" + e.getClass().getSimpleName() + ")");
        }
    }

    final ParseResult reject(String reason) {
        return ParseResult.rejected(format + ": " + reason);
    }

    /** Fills path, query, route and a query API key from a request target such as {@code /a/b?c=1}. */
    final void target(ApiEvent.Builder event, String target) {
        if (target == null) {
            return;
        }
        RequestLine t = RequestLine.target(null, target, 0, target.length());
        pathAndQuery(event, t.path(), t.query());
    }

    /** Sets path and route with secrets hashed, the query with secrets hashed, and api_key_hash when the query carries a key. */
    final void pathAndQuery(ApiEvent.Builder event, String path, String query) {
        String safePath = credentials.redactPath(path);
        event.path(safePath).query(credentials.redactQuery(query)).route(RouteTemplater.template(safePath));
        String keyHash = credentials.keyHashFromQuery(query);
        if (keyHash != null) {
            event.apiKeyHash(keyHash);
        }
    }
}
