package io.gatewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Duration options read the config file's grammar, and say what is missing. */
class DurationOptionTest {
    @TempDir
    Path dir;

    @Test
    void shouldRefuseABareNumberNamingTheMissingUnit() {
        CliRun run = CliRun.of("evaluate", "--alerts", "a.jsonl", "--labels", "l.json", "--tolerance", "90");
        assertEquals(2, run.exit());
        assertEquals("detector: evaluate: --tolerance = 90: a duration needs a unit, e.g. 90s, 5m, 1h30m or PT90S",
                run.err().lines().findFirst().orElseThrow());
    }

    @Test
    void shouldTakeTheCompoundAndIsoFormsOfTheConfigFile() {
        for (String interval : new String[] {"1m30s", "PT90S"}) {
            Path absent = dir.resolve("absent.json");
            CliRun run = CliRun.of("evaluate", "--alerts", "a.jsonl", "--labels", absent.toString(), "--tolerance",
                    interval);
            assertEquals("evaluate: " + absent + ": no such file\n", run.err(), interval + " was refused");
        }
    }
}
