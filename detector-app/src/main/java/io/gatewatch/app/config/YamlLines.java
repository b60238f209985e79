package io.gatewatch.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The line of each key and list item of a YAML text, so that a problem found in the tree can say where
 * it is in the file. A problem is placed on the line of the deepest part of its key path that the file has
 * (a missing key is reported at its parent's line).
 */
final class YamlLines {
    private static final YAMLFactory FACTORY = new YAMLFactory();
    private final Map<String, Integer> lines;

    private YamlLines(Map<String, Integer> lines) {
        this.lines = lines;
    }

    static YamlLines of(String yaml) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = FACTORY.createParser(yaml)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    continue;
                }
                String pointer = p.getParsingContext().pathAsPointer().toString();
                lines.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
            }
        } catch (IOException e) {
            // The text was parsed once already; a failure here only costs the line numbers.
        }
        return new YamlLines(lines);
    }

    /** {@code file:line: problem}, or {@code file: problem} when no part of its key is in the file. */
    String locate(String file, String problem) {
        int end = problem.indexOf(" = ");
        Integer line = end < 0 ? null : lineOf(problem.substring(0, end));
        return line == null ? file + ": " + problem : file + ":" + line + ": " + problem;
    }

    int sortKey(String problem) {
        int end = problem.indexOf(" = ");
        Integer line = end < 0 ? null : lineOf(problem.substring(0, end));
        return line == null ? Integer.MAX_VALUE : line;
    }

    Integer lineOf(String keyPath) {
        String pointer = "/" + keyPath.replaceAll("\\[(\\d+)]", ".$1").replace("~", "~0").replace("/", "~1")
                .replace('.', '/');
        while (!pointer.isEmpty()) {
            Integer line = lines.get(pointer);
            if (line != null) {
                return line;
            }
            pointer = pointer.substring(0, pointer.lastIndexOf('/'));
        }
        return null;
    }
}
