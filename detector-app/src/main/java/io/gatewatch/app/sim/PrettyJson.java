package io.gatewatch.app.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.gatewatch.schema.Json;

/**
 * Indented JSON with {@code \n} line ends on every platform, so written files are byte-for-byte stable.
 * Arrays stay on one line: a botnet's 240 addresses read better as one line than as 240.
 */
public final class PrettyJson {
    private PrettyJson() {
    }

    public static String of(Object value) {
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return Json.newMapper().writer(pretty).writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
