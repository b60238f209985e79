package io.gatewatch.schema.parse;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.gatewatch.schema.ApiEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The third-party fixture folder (../shared/data) and small assertions on parse results. */
final class Fixtures {
    private Fixtures() {
    }

    static Path data() {
        String shared = System.getProperty("gatewatch.shared");
        if (shared == null) {
            throw new IllegalStateException("system property gatewatch.shared is not set; run the tests through Maven");
        }
        return Path.of(shared, "data");
    }

    /** Every line of a fixture file, decoded leniently: some logs hold raw non-UTF-8 bytes. */
    static List<String> lines(String relative) {
        try {
            byte[] bytes = Files.readAllBytes(data().resolve(relative));
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Line {@code number} (1-based, as editors and grep -n count) of a fixture file. */
    static String line(String relative, int number) {
        return lines(relative).get(number - 1);
    }

    /** The non-comment, non-blank lines of a formats/*.txt file: the verbatim examples. */
    static List<String> examples(String formatFile) {
        return lines("formats/" + formatFile).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();
    }

    static ApiEvent single(ParseResult result) {
        ParseResult.Parsed parsed = assertInstanceOf(ParseResult.Parsed.class, result, () -> "expected an event, got " + result);
        if (parsed.events().size() != 1) {
            throw new AssertionError("expected one event, got " + parsed.events());
        }
        return parsed.events().getFirst();
    }

    static String rejection(ParseResult result) {
        return assertInstanceOf(ParseResult.Rejected.class, result, () -> "expected a rejection, got " + result).reason();
    }

    /** The multi-line JSON examples of a formats/*.txt file: from a line "{" to the next line "}". */
    static List<String> jsonBlocks(String formatFile) {
        List<String> blocks = new java.util.ArrayList<>();
        StringBuilder current = null;
        for (String l : lines("formats/" + formatFile)) {
            if (current == null && l.equals("{")) {
                current = new StringBuilder();
            }
            if (current != null) {
                current.append(l).append('\n');
                if (l.equals("}")) {
                    blocks.add(current.toString());
                    current = null;
                }
            }
        }
        return blocks;
    }

    /** The .log files of a crowdsec hub test folder, every non-blank line. */
    static List<String> hubTestLines(String test) {
        try (var files = Files.list(data().resolve("crowdsec-hub-tests").resolve(test))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted()
                    .flatMap(f -> lines(data().relativize(f).toString()).stream())
                    .filter(l -> !l.isBlank())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ApiEvent> events(ParseResult result) {
        return assertInstanceOf(ParseResult.Parsed.class, result, () -> "expected events, got " + result).events();
    }
}
