package io.gatewatch.app.sim;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Jackson's exceptions turned into one short line a person can act on, without stack or source dump. */
final class JsonProblems {
    private JsonProblems() {
    }

    static String describe(JacksonException e) {
        if (e instanceof InvalidFormatException f) {
            String allowed = f.getTargetType() != null && f.getTargetType().isEnum()
                    ? "; allowed: " + Arrays.stream(f.getTargetType().getEnumConstants())
                            .map(c -> c.toString().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                    : "";
            return field(f) + " = " + f.getValue() + ": not a valid " + f.getTargetType().getSimpleName() + allowed;
        }
        if (e instanceof JsonMappingException m) {
            Throwable cause = m.getCause();
            if (cause instanceof IllegalArgumentException || cause instanceof java.time.DateTimeException) {
                String f = field(m);
                return (f.isEmpty() ? "" : f + ": ") + cause.getMessage();
            }
            String f = field(m);
            return (f.isEmpty() ? "" : f + ": ") + m.getOriginalMessage();
        }
        if (e instanceof JsonProcessingException p) {
            return "not valid JSON: " + p.getOriginalMessage();
        }
        return e.getMessage();
    }

    private static String field(JsonMappingException m) {
        return m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
