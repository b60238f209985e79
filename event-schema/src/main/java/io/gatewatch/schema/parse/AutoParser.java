package io.gatewatch.schema.parse;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * Detects the format per record: a JSON object or array goes to the first {@link JsonFormat} that
 * recognises it, anything else to the text parser. For mixed sources (one topic fed by several
 * gateways); a source with one known format should name it, which is faster and never guesses.
 */
final class AutoParser implements LogParser {
    static final String NAME = "auto";

    private final ObjectMapper mapper;
    private final LogParser text;
    private final List<JsonFormat> jsonFormats;

    AutoParser(ObjectMapper mapper, LogParser text, List<JsonFormat> jsonFormats) {
        this.mapper = mapper;
        this.text = text;
        this.jsonFormats = List.copyOf(jsonFormats);
    }

    @Override
    public String format() {
        return NAME;
    }

    @Override
    public ParseResult parse(String record) {
        if (record == null) {
            return ParseResult.rejected(NAME + ": null record");
        }
        int i = Text.skipSpaces(record, 0, record.length());
        if (i < record.length() && (record.charAt(i) == '{' || record.charAt(i) == '[')) {
            return parseJson(record);
        }
        return text.parse(record);
    }

    private ParseResult parseJson(String record) {
        JsonNode node;
        try {
            node = mapper.readTree(record);
        } catch (JacksonException | RuntimeException e) {
            return ParseResult.rejected(NAME + ": record starts like JSON but is not JSON ("
                    + JsonSupport.firstLine(e) + ")");
        }
        JsonNode sample = node != null && node.isArray() && !node.isEmpty() ? node.get(0) : node;
        if (sample == null || !sample.isObject()) {
            return ParseResult.rejected(NAME + ": JSON record is not an object or an array of objects");
        }
        for (JsonFormat format : jsonFormats) {
            if (format.recognises(sample)) {
                return format.parseTree(node);
            }
        }
        return ParseResult.rejected(NAME + ": no known JSON access-log format recognises the fields "
                + JsonSupport.fieldNames(sample, 8));
    }
}
