package io.gatewatch.alerting.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gatewatch.schema.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with files under src/test/resources/golden. Run with {@code -Dgatewatch.golden.update=true}
 * to rewrite them after an intended change, then review the diff before committing.
 */
final class GoldenFiles {
    static final Path ROOT = Path.of("src", "test", "resources", "golden");
    private static final ObjectMapper MAPPER = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GoldenFiles() {
    }

    static boolean updating() {
        return Boolean.getBoolean("gatewatch.golden.update");
    }

    static void assertJson(String name, JsonNode actual) {
        try {
            String pretty = MAPPER.writeValueAsString(actual) + "\n";
            Path file = ROOT.resolve(name);
            if (updating()) {
                write(file, pretty);
                return;
            }
            // Both sides are read back by the same parser, so number types compare alike.
            JsonNode expected = MAPPER.readTree(read(file));
            assertEquals(MAPPER.writeValueAsString(expected), MAPPER.writeValueAsString(MAPPER.readTree(pretty)), "golden file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertText(String name, String actual) {
        Path file = ROOT.resolve(name);
        if (updating()) {
            write(file, actual);
            return;
        }
        assertEquals(read(file), actual, "golden file " + file);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("missing golden file " + file.toAbsolutePath()
                    + "; generate with -Dgatewatch.golden.update=true and review it", e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
