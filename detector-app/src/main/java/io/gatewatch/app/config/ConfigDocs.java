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

                ## Changing the config while it runs

                `run --config FILE` and `demo --config FILE` reload the file when it changes, on `SIGHUP`
                (`kill -HUP PID`) and on `POST /config/reload` (see [api.md](api.md#post-configreload)). The file is
                polled once a second by content hash, so an edit through a symbolic link (a Kubernetes ConfigMap) or
                one that keeps the old modification time is seen, and a change is taken once two polls agree, so a
                half-written file is never loaded.

                A reload applies when every key it changes is **Live** (`yes` in the table below): thresholds, modes,
                severities, cooldowns, allowlists, login routes, per-route overrides and `time.max_future`. The detect
                stages take the new values at their next record, with every client's and route's state kept: no live
                key shapes the state, and each detector's state fingerprint is compared before anything is applied.
                If any changed key needs a restart, nothing is applied and the running config stays; the log names
                each such key. A file that does not validate is refused with the problems `validate-config` prints.
                Every reload is logged with its diff; secret keys show as `(hidden)`, so do `kafka.properties`
                values, and credentials in URLs are masked:

                ```
                config reload (file change) of gatewatch.yaml: applied, generation 2: [detectors.credential_stuffing.windows[0].max_failures: 20 → 5]
                config reload (SIGHUP) of gatewatch.yaml: refused; the running config (generation 2) stays: gatewatch.yaml: kafka.partitions: 4 → 8: needs a restart
                ```

                Counted in `gatewatch_config_reloads_total{outcome="applied|refused|invalid|unchanged"}`; the running
                config's generation (1 at start, one more per reload applied) is `gatewatch_config_generation`.

                Not reloaded yet: the `alerting:` block while the alerting service runs in the same process (`run`
                without `--no-alerting`, and `demo`): a change there is refused as needing a restart. The alerting
                service run on its own (`detector alerting`) does not watch its file either.

                ## What-if: try a change on a log first

                ```
                ./detector whatif --config proposed.yaml --against current.yaml --input access.log [--format nginx] [--json]
                ./detector replay --config proposed.yaml --against current.yaml --input access.log      # the same
                ```

                runs both configs over the log in one pass (the file is read once into an embedded broker, and a
                pipeline per config reads it, as `replay` runs one) and prints, per detector, the alerts that appear
                with the change (`+`) and those that disappear (`-`), with the client or route, the first detection
                and the number of alerts. Alerts are matched by detector, client (or route) and mode, not by id, so a
                lower threshold that opens the same alert earlier is no change. Progress goes to stderr every
                100,000 lines and every 2 s while the pipelines catch up; `--json` prints the same as JSON
                (`detectors[].appear[]`, `disappear[]` with `key`, `route`, `mode`, `first_detected_at`, `severity`,
                `alerts`).

                ```
                what-if over access.log (68 lines): proposed.yaml against current.yaml
                credential_stuffing: 2 alerts → 2; 1 appear, 1 disappear
                  + ip:203.0.113.20  on /api/v1/login  first 2026-11-23T10:00:05Z  high  (1 alert)
                  - ip:198.51.100.30  on /api/v1/login  first 2026-11-23T10:00:20Z  high  (1 alert)
                ```

                Here `proposed.yaml` lowers `max_failures` from 20 to 5 (a slower guesser now alerts) and allowlists
                `198.51.100.0/24` (that range's guesser no longer does). Any key may differ between the two files,
                windows and topics included: nothing is running.

                ## Keys

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
