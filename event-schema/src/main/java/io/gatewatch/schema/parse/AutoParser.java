package io.gatewatch.schema.parse;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * Detects the format per record, for mixed sources (one topic fed by several gateways): a JSON object
 * or array goes to the first {@link JsonFormat} that recognises its keys; a CRI wrapper is removed
 * first; a text line starting with {@code [} and a digit is Envoy's default format, one ending in
 * {@code <n>ms} Traefik's, anything else combined/common. A source with one known format should name it:
 * that is faster and never guesses.
 */
final class AutoParser implements LogParser {
    static final String NAME = "auto";

    private final ObjectMapper mapper;
    private final LogParser combined;
    private final LogParser envoyText;
    private final LogParser traefikText;
    private final List<JsonFormat> jsonFormats;

    AutoParser(ObjectMapper mapper, LogParser combined, LogParser envoyText, LogParser traefikText,
               List<JsonFormat> jsonFormats) {
        this.mapper = mapper;
        this.combined = combined;
        this.envoyText = envoyText;
        this.traefikText = traefikText;
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
        try {
            int i = Text.skipSpaces(record, 0, record.length());
            if (JsonLineParser.looksLikeJson(record, i)) {
                return parseJson(record.substring(i));
            }
            int cri = Cri.messageStart(record);
            if (cri == Cri.PARTIAL) {
                return ParseResult.rejected(NAME + ": partial CRI line (P): the runtime split a long record");
            }
            String line = cri >= 0 ? record.substring(cri) : record;
            i = Text.skipSpaces(line, 0, line.length());
            if (cri >= 0 && JsonLineParser.looksLikeJson(line, i)) {
                return parseJson(line.substring(i));
            }
            if (i + 1 < line.length() && line.charAt(i) == '[' && ClfTime.isDigit(line.charAt(i + 1))
                    && SyslogPrefix.isIsoDate(line, i + 1, line.length())) {
                return envoyText.parse(line);
            }
            return endsWithMillis(line) ? traefikText.parse(line) : combined.parse(line);
        } catch (RuntimeException e) {
            return ParseResult.rejected(NAME + ": unreadable record (" + e.getClass().getSimpleName() + ")");
        }
    }

    private ParseResult parseJson(String json) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (JacksonException e) {
            return ParseResult.rejected(NAME + ": record starts like JSON but is not JSON (" + JsonSupport.firstLine(e) + ")");
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

    /** Traefik's common format ends with {@code <digits>ms}; combined and common never do. */
    private static boolean endsWithMillis(String s) {
        int end = s.length();
        while (end > 0 && Text.isSpace(s.charAt(end - 1))) {
            end--;
        }
        if (end < 4 || s.charAt(end - 1) != 's' || s.charAt(end - 2) != 'm' || !ClfTime.isDigit(s.charAt(end - 3))) {
            return false;
        }
        int i = end - 3;
        while (i > 0 && ClfTime.isDigit(s.charAt(i - 1))) {
            i--;
        }
        return i > 0 && s.charAt(i - 1) == ' ';
    }
}
