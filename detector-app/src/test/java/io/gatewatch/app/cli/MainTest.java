package io.gatewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.config.Durations;
import io.gatewatch.schema.parse.Parsers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The entry point as scripts see it: exit codes, help, version, usage errors. Runs in-process, no broker. */
class MainTest {
    static final List<String> COMMANDS = List.of("demo", "replay", "ingest", "run", "validate-config", "alerting",
            "simulate", "evaluate", "train", "bench", "completion");

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void shouldListEveryCommandAndTheFormatsOnStdoutAndExit0(String help) {
        CliRun run = CliRun.of(help);
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().startsWith("Usage: detector [-hV] [COMMAND]"), run.out());
        for (String command : COMMANDS) {
            assertTrue(run.out().contains("\n  " + command + " "), command + " missing from\n" + run.out());
        }
        assertTrue(run.out().contains("Formats: " + String.join(", ", Parsers.standard().names().stream().sorted().toList())),
                run.out());
    }

    @Test
    void shouldPrintTheUsageOnStderrAndExit2WithoutACommand() {
        CliRun run = CliRun.of();
        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("Usage: detector [-hV] [COMMAND]"), run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "replay", "ingest", "run", "validate-config", "alerting", "simulate", "evaluate",
        "train", "bench", "completion"})
    void shouldShowACommandsHelpTheSameWayFromHelpCommandAndDashDashHelp(String command) {
        CliRun viaOption = CliRun.of(command, "--help");
        CliRun viaHelp = CliRun.of("help", command);
        assertEquals(0, viaOption.exit(), viaOption.err());
        assertEquals(0, viaHelp.exit(), viaHelp.err());
        assertTrue(viaOption.out().startsWith("Usage: detector " + command + " "), viaOption.out());
        assertEquals(viaOption.out(), viaHelp.out());
    }

    @Test
    void shouldShowEachOptionWithItsDefault() {
        String demo = CliRun.of("demo", "--help").out();
        assertTrue(demo.matches("(?s).*--metrics-port=PORT .*Default: 9464\n.*"), demo);
        assertTrue(demo.contains("--duration=DURATION") && demo.contains("(default: until"), demo);
        String bench = CliRun.of("bench", "--help").out();
        for (String d : List.of("--events=N .*Default: 2000000", "--clients=K .*Default: 100000",
                "--rate=R .*Default: 20000", "--seconds=T .*Default: 30", "--partitions=P .*Default: 4",
                "--threads=S .*Default: 1\n")) {
            assertTrue(bench.matches("(?s).*" + d + ".*"), d + " in\n" + bench);
        }
        String simulate = CliRun.of("simulate", "--help").out();
        for (String d : List.of("Default: 12\n", "Default: 42\n", "Default: 2500\n", "Default: 2026-01-12T06:00:00Z")) {
            assertTrue(simulate.contains(d), d + " in\n" + simulate);
        }
        assertTrue(CliRun.of("evaluate", "--help").out().contains("Default: 5m"));
        assertTrue(CliRun.of("ingest", "--help").out().contains("Default: 10s"));
        String train = CliRun.of("train", "--help").out();
        assertTrue(train.contains("Default: nginx") && train.contains("Default: robust_z") && train.contains("Default: 5"),
                train);
        String run = CliRun.of("run", "--help").out();
        assertTrue(run.contains("Default: gatewatch-state") && run.contains("Default: 127.0.0.1"), run);
    }

    @Test
    void shouldPrintTheVersionTheCommitAndTheKafkaVersion() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).matches("Gatewatch \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), lines.toString());
        assertTrue(lines.get(1).matches("commit [0-9a-f]{10}( \\(modified\\))?"),
                "the build embeds the git commit: " + lines);
        assertEquals("Kafka " + AppInfoParser.getVersion(), lines.get(2));
        assertEquals(run.out(), CliRun.of("-V").out());
    }

    @Test
    void shouldSuggestTheNearestCommandForAnUnknownOne() {
        CliRun run = CliRun.of("dmeo");
        assertEquals(2, run.exit());
        assertEquals(List.of("detector: unknown command 'dmeo'; did you mean demo?",
                "Try 'detector --help' for more information."), run.err().lines().toList());
    }

    @Test
    void shouldSuggestTheNearestOptionForAnUnknownOne() {
        CliRun run = CliRun.of("demo", "--metric-port", "9500");
        assertEquals(2, run.exit());
        assertEquals(List.of("detector: demo: unknown option '--metric-port'; did you mean --metrics-port?",
                "Try 'detector demo --help' for more information."), run.err().lines().toList());
        assertEquals("", run.out());
    }

    @Test
    void shouldRefuseADurationWithoutAUnitWithTheDurationGrammarsMessage() {
        CliRun run = CliRun.of("demo", "--duration", "90");
        assertEquals(2, run.exit());
        assertEquals(List.of("detector: demo: --duration = 90: " + Durations.problem("90"),
                "Try 'detector demo --help' for more information."), run.err().lines().toList());
        assertTrue(Durations.problem("90").contains("unit"), Durations.problem("90"));
    }

    @Test
    void shouldRefuseABadValueInOneLineNamingTheOptionAndWhatIsAllowed() {
        CliRun port = CliRun.of("run", "--config", "x.yaml", "--metrics-port", "70000");
        assertEquals(2, port.exit());
        assertEquals("detector: run: --metrics-port = 70000: must be a port from 1 to 65535",
                port.err().lines().findFirst().orElseThrow());
        CliRun missing = CliRun.of("replay");
        assertEquals(2, missing.exit());
        assertEquals("detector: replay: --input is required", missing.err().lines().findFirst().orElseThrow());
    }

    @Test
    void shouldExit1WhenACommandFailsWhileRunning(@TempDir Path tmp) throws Exception {
        Path notADirectory = Files.writeString(tmp.resolve("file"), "x");
        CliRun run = CliRun.of("simulate", "--out", notADirectory.resolve("out").toString(), "--hours", "0.02",
                "--users", "5");
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("detector simulate: ")), run.err());
    }

    @Test
    void shouldExit2ListingEveryProblemOfABadConfig(@TempDir Path tmp) throws Exception {
        Path config = Files.writeString(tmp.resolve("bad.yaml"), "time:\n  grace: soon\n");
        CliRun run = CliRun.of("validate-config", config.toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith(config + ":2: time.grace = soon: "), run.err());
    }

    @Test
    void shouldPrintABashCompletionScriptThatCompletesCommandsAndOptions(@TempDir Path tmp) throws Exception {
        CliRun run = CliRun.of("completion", "bash");
        assertEquals(0, run.exit(), run.err());
        Path script = Files.writeString(tmp.resolve("detector.bash"), run.out());
        assertEquals("replay", complete(script, "detector rep"));
        assertEquals("--metrics-port", complete(script, "detector demo --metr"));
        CliRun zsh = CliRun.of("completion", "zsh");
        assertEquals(2, zsh.exit());
    }

    /** What bash itself completes the line to, with the generated script sourced. */
    private static String complete(Path script, String line) throws Exception {
        String[] words = line.split(" ");
        String program = "source " + script + "; COMP_LINE='" + line + "'; COMP_POINT=" + line.length()
                + "; COMP_WORDS=(" + line + "); COMP_CWORD=" + (words.length - 1)
                + "; _complete_detector; echo \"${COMPREPLY[*]}\"";
        Process bash = new ProcessBuilder("bash", "-c", program)
                // compopt complains outside an interactive completion; the reply is on stdout
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
        return out;
    }

    /** Every command and option of the README's table still parses to the same values and defaults. */
    @Nested
    class OptionsAsBefore {
        private final Parsers parsers = Parsers.standard();
        private final PrintStream sink = new PrintStream(new ByteArrayOutputStream());

        private <T> T parse(T command, String... args) {
            new CommandLine(command).parseArgs(args);
            return command;
        }

        @Test
        void shouldParseDemo() {
            DemoCommand given = parse(new DemoCommand(parsers, sink, sink), "--duration", "90s", "--config", "g.yaml",
                    "--metrics-port", "9500");
            assertEquals(Duration.ofSeconds(90), given.duration);
            assertEquals("g.yaml", given.configFile);
            assertEquals(9500, given.metricsPort);
            DemoCommand defaults = parse(new DemoCommand(parsers, sink, sink));
            assertNull(defaults.duration, "runs until Ctrl-C");
            assertNull(defaults.configFile);
            assertEquals(9464, defaults.metricsPort);
            assertEquals(Duration.ofMinutes(5), parse(new DemoCommand(parsers, sink, sink), "--duration=5m").duration);
        }

        @Test
        void shouldParseReplay() {
            ReplayCommand given = parse(new ReplayCommand(parsers, sink, sink), "--input", "-", "--format", "nginx",
                    "--config", "g.yaml");
            assertEquals("-", given.input);
            assertEquals("nginx", given.formatOption);
            assertEquals("g.yaml", given.configFile);
            ReplayCommand defaults = parse(new ReplayCommand(parsers, sink, sink), "--input=access.log");
            assertEquals("access.log", defaults.input);
            assertNull(defaults.formatOption, "the config's input.format");
            assertNull(defaults.configFile);
        }

        @Test
        void shouldParseIngest() {
            IngestCommand given = parse(new IngestCommand(parsers, new ByteArrayInputStream(new byte[0]), sink),
                    "--format", "apache", "--follow", "--from-end", "--config", "g.yaml", "--bootstrap",
                    "127.0.0.1:9092", "--timeout", "30s", "access.log");
            assertEquals("access.log", given.input);
            assertEquals("apache", given.formatOption);
            assertTrue(given.follow && given.fromEnd);
            assertEquals("g.yaml", given.configFile);
            assertEquals("127.0.0.1:9092", given.bootstrapOption);
            assertEquals(Duration.ofSeconds(30), given.timeout);
            IngestCommand defaults = parse(new IngestCommand(parsers, new ByteArrayInputStream(new byte[0]), sink), "-");
            assertEquals("-", defaults.input);
            assertFalse(defaults.follow || defaults.fromEnd);
            assertNull(defaults.formatOption);
            assertNull(defaults.bootstrapOption, "the config's kafka.bootstrap_servers");
            assertEquals(Duration.ofSeconds(10), defaults.timeout);
        }

        @Test
        void shouldParseRun() {
            RunCommand given = parse(new RunCommand(parsers, sink), "--config", "g.yaml", "--state-dir", "/var/lib/g",
                    "--metrics-port", "9000", "--metrics-bind", "0.0.0.0", "--no-alerting");
            assertEquals("g.yaml", given.configFile);
            assertEquals("/var/lib/g", given.stateDirOption);
            assertEquals(9000, given.metricsPort);
            assertEquals("0.0.0.0", given.bind);
            assertTrue(given.noAlerting);
            RunCommand defaults = parse(new RunCommand(parsers, sink), "--config", "g.yaml");
            assertEquals("gatewatch-state", defaults.stateDirOption);
            assertEquals(9464, defaults.metricsPort);
            assertEquals("127.0.0.1", defaults.bind);
            assertFalse(defaults.noAlerting);
        }

        @Test
        void shouldParseValidateConfigAlertingSimulateEvaluateTrainAndBench() {
            assertEquals("g.yaml", parse(new ValidateConfigCommand(parsers, sink, sink), "g.yaml").file);

            AlertingCommand alerting = parse(new AlertingCommand(parsers, sink, sink), "--config", "g.yaml",
                    "--group-id", "g1");
            assertEquals("g.yaml", alerting.configFile);
            assertEquals("g1", alerting.groupId);
            assertNull(parse(new AlertingCommand(parsers, sink, sink), "--config", "g.yaml").groupId);

            SimulateCommand simulate = parse(new SimulateCommand(sink), "--out", "d", "--hours", "0.5", "--seed", "7",
                    "--users", "100", "--start", "2026-02-01T00:00:00Z");
            assertEquals(Path.of("d"), simulate.out);
            assertEquals(List.of("0.5", "7", 100L, "2026-02-01T00:00:00Z"),
                    List.of(simulate.hours, simulate.seed, simulate.users, simulate.start));
            SimulateCommand simDefaults = parse(new SimulateCommand(sink), "--out", "d");
            assertEquals(List.of("12", "42", 2500L, "2026-01-12T06:00:00Z"),
                    List.of(simDefaults.hours, simDefaults.seed, simDefaults.users, simDefaults.start));

            EvaluateCommand evaluate = parse(new EvaluateCommand(sink, sink), "--alerts", "a.jsonl", "--labels",
                    "labels.json", "--format", "json", "--tolerance", "2m");
            assertEquals(List.of(Path.of("a.jsonl"), Path.of("labels.json"), EvaluateCommand.Format.json,
                    Duration.ofMinutes(2)), List.of(evaluate.alertsFile, evaluate.labelsFile, evaluate.format, evaluate.tolerance));
            EvaluateCommand evDefaults = parse(new EvaluateCommand(sink, sink), "--alerts", "a", "--labels", "l");
            assertEquals(EvaluateCommand.Format.table, evDefaults.format);
            assertEquals(Duration.ofMinutes(5), evDefaults.tolerance);

            TrainCommand train = parse(new TrainCommand(parsers, sink), "--input", "a.log", "--out", "m", "--format",
                    "apache", "--algorithm", "isolation_forest", "--min-requests", "8", "--config", "g.yaml");
            assertEquals(List.of(Path.of("a.log"), Path.of("m"), "apache", "isolation_forest", "8", "g.yaml"),
                    List.of(train.input, train.out, train.format, train.algorithmText, train.minRequestsText,
                            train.configFile));
            TrainCommand trDefaults = parse(new TrainCommand(parsers, sink), "--input", "a.log", "--out", "m");
            assertEquals(List.of("nginx", "robust_z", "5"),
                    List.of(trDefaults.format, trDefaults.algorithmText, trDefaults.minRequestsText));

            BenchCommand bench = parse(new BenchCommand(parsers, sink, sink), "--events", "2_000", "--clients", "50",
                    "--rate", "100", "--seconds", "3", "--partitions", "2", "--threads", "2");
            assertEquals(List.of(2000L, 50L, 100L, 3L, 2L, 2L),
                    List.of(bench.events, bench.clients, bench.rate, bench.seconds, bench.partitions, bench.threads));
            BenchCommand bDefaults = parse(new BenchCommand(parsers, sink, sink));
            assertEquals(List.of(2_000_000L, 100_000L, 20_000L, 30L, 4L, 1L), List.of(bDefaults.events, bDefaults.clients,
                    bDefaults.rate, bDefaults.seconds, bDefaults.partitions, bDefaults.threads));
        }
    }
}
