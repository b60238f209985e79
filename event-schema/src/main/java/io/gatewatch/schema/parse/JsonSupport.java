package io.gatewatch.schema.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;

/** Helpers shared by the JSON parsers. */
final class JsonSupport {
    private JsonSupport() {
    }

    /** The first line of an exception message: Jackson appends a source excerpt that may hold secrets. */
    static String firstLine(Exception e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        String line = nl < 0 ? m : m.substring(0, nl);
        return Text.printable(line.length() > 120 ? line.substring(0, 120) + "..." : line);
    }

    /** Up to {@code limit} field names of an object, for a rejection reason that helps configure a mapping. */
    static String fieldNames(JsonNode node, int limit) {
        StringBuilder out = new StringBuilder("[");
        Iterator<String> names = node.fieldNames();
        int n = 0;
        while (names.hasNext()) {
            String name = names.next();
            if (n == limit) {
                out.append(", ...");
                break;
            }
            out.append(n == 0 ? "" : ", ").append(Text.printable(name.length() > 40 ? name.substring(0, 40) : name));
            n++;
        }
        return out.append(']').toString();
    }
}
