package io.gatewatch.app.config;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigReference;
import io.gatewatch.schema.config.ConfigSchema;
import io.gatewatch.schema.parse.Parsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generates {@code docs/gatewatch.schema.json} and {@code docs/configuration.md} from the declarations in
 * {@link GatewatchKeys}. A test fails when the committed files differ from what this generates; it also
 * regenerates them (see {@link #REGENERATE}).
 */
public final class ConfigDocs {
    public static final String SCHEMA_FILE = "docs/gatewatch.schema.json";
    public static final String REFERENCE_FILE = "docs/configuration.md";
    public static final String REGENERATE = "./mvnw -o test -pl detector-app -am -Dtest=ConfigDocsTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dgatewatch.regenerate=true";

    private ConfigDocs() {
    }

    static ConfigDef root() {
        return GatewatchKeys.root(Parsers.standard().names());
    }

    public static String schema() {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(
                new DefaultIndenter("  ", "\n"));
        try {
            return new ObjectMapper().writer(printer).writeValueAsString(ConfigSchema.of(root(), "gatewatch.yaml",
                    "Gatewatch configuration. Generated from the key declarations; see docs/configuration.md.")) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String reference() {
        ConfigDef root = root();
        return """
                # Configuration reference

                <!-- Generated from the key declarations (GatewatchKeys and each detector's config record); do not
                     edit. Regenerate with:
                     %s -->

                Gatewatch reads one YAML file (`gatewatch.yaml`; every key is optional). Check a file with
                `./detector validate-config FILE`: it prints every problem, one per line, as
                `file:line: key = value: reason (allowed: ...)`, and exits non-zero when there is any.

                Editors that speak the YAML language server (VS Code's YAML extension, IntelliJ, Neovim) complete and
                check the file against [gatewatch.schema.json](gatewatch.schema.json) when it starts with
                `# yaml-language-server: $schema=docs/gatewatch.schema.json`. The schema checks shapes, types, ranges
                and choices; rules between keys (e.g. `half_life` at least `interval`) are checked by
                `validate-config` alone.

                **Durations** are written `250ms`, `90s`, `5m`, `1h30m`, `2d` (units from the largest down) or in
                ISO-8601 (`PT90S`); a bare number is refused, since it could mean seconds or minutes. The command
                line takes the same forms (`--duration 90s`).

                **Live** says whether a key may change on a running instance (thresholds, modes, allowlists, sinks)
                or needs a restart (windows, topics, Kafka settings, anything that shapes the state kept per client).

                `detectors.<id>.overrides[]` items take a `route` and any key of their detector's block except those
                that shape its state (first match wins).

                %s""".formatted(REGENERATE, ConfigReference.table(root));
    }

    /** Writes both files under {@code root} (the repository's top directory). */
    public static void write(Path root) throws IOException {
        Files.writeString(root.resolve(SCHEMA_FILE), schema());
        Files.writeString(root.resolve(REFERENCE_FILE), reference());
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "."));
    }
}
