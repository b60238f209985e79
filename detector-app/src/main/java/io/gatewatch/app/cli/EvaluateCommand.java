package io.gatewatch.app.cli;

import io.gatewatch.app.sim.AlertsFile;
import io.gatewatch.app.sim.Evaluation;
import io.gatewatch.app.sim.EvaluationReport;
import io.gatewatch.app.sim.Label;
import io.gatewatch.app.sim.LabelsFile;
import io.gatewatch.app.sim.Loaded;
import io.gatewatch.schema.Alert;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code evaluate --alerts FILE --labels FILE [--format table|json] [--tolerance 5m]}: which attacks the
 * alerts caught and how fast, which benign actors they hit, how many were false. Exit 0 whatever the
 * score; 2 when a file is missing or malformed (the problem names the file and line).
 */
@Command(name = "evaluate", description = {"Scores a replay's alerts against simulate's labels.",
    "Attacks caught, time to detect, benign clients alerted, false alerts (docs/evaluation.md)."})
final class EvaluateCommand implements Callable<Integer> {
    enum Format { table, json }

    /** picocli's own enum message lists the values too, but not in the words the rest of the CLI uses. */
    static final class FormatConverter implements ITypeConverter<Format> {
        @Override
        public Format convert(String text) {
            for (Format f : Format.values()) {
                if (f.name().equals(text)) {
                    return f;
                }
            }
            throw new TypeConversionException("must be table or json");
        }
    }

    @Option(names = "--alerts", paramLabel = "FILE", required = true, description = "alert JSON lines")
    Path alertsFile;
    @Option(names = "--labels", paramLabel = "FILE", required = true, description = "labels.json")
    Path labelsFile;
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", converter = FormatConverter.class,
            description = "${COMPLETION-CANDIDATES}")
    Format format;
    @Option(names = "--tolerance", paramLabel = "DURATION", defaultValue = "5m",
            converter = Converters.PositiveDuration.class,
            description = "how far outside an attack's labelled time an alert still counts for it")
    Duration tolerance;
    @Option(names = "--any-detector",
            description = "an alert of any detector catches an attack (to measure one detector alone, e.g. anomaly)")
    boolean anyDetector;
    private final PrintStream out;
    private final PrintStream err;

    EvaluateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        List<Label> labels;
        switch (LabelsFile.read(labelsFile)) {
            case Loaded.Ok<List<Label>> ok -> labels = ok.value();
            case Loaded.Failed<List<Label>> failed -> {
                err.println("evaluate: " + failed.problem());
                return 2;
            }
        }
        List<Alert> alerts;
        switch (AlertsFile.read(alertsFile)) {
            case Loaded.Ok<List<Alert>> ok -> alerts = ok.value();
            case Loaded.Failed<List<Alert>> failed -> {
                err.println("evaluate: " + failed.problem());
                return 2;
            }
        }
        Evaluation evaluation = Evaluation.of(labels, alerts, tolerance, anyDetector);
        out.print(format == Format.json ? EvaluationReport.json(evaluation) : EvaluationReport.table(evaluation));
        return 0;
    }
}
