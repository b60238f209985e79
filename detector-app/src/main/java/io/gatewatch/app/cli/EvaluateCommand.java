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
import java.util.Set;

/**
 * {@code evaluate --alerts FILE --labels FILE [--format table|json] [--tolerance 5m]}: which attacks the
 * alerts caught and how fast, which benign actors they hit, how many were false. Exit 0 whatever the
 * score; 2 when a file is missing or malformed (the problem names the file and line).
 */
final class EvaluateCommand {
    static final String USAGE = "evaluate --alerts FILE --labels FILE [--format table|json] [--tolerance 5m]";
    private final PrintStream out;
    private final PrintStream err;

    EvaluateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> argv) throws UsageException {
        Args args = Args.parse("evaluate", argv, Set.of("--alerts", "--labels", "--format", "--tolerance"), Set.of());
        Path alertsFile = Path.of(args.required("--alerts"));
        Path labelsFile = Path.of(args.required("--labels"));
        String format = args.get("--format", "table");
        if (!format.equals("table") && !format.equals("json")) {
            throw new UsageException("evaluate: --format = " + format + ": must be table or json");
        }
        Duration tolerance = args.duration("--tolerance", Duration.ofMinutes(5));
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
        Evaluation evaluation = Evaluation.of(labels, alerts, tolerance);
        out.print(format.equals("json") ? EvaluationReport.json(evaluation) : EvaluationReport.table(evaluation));
        return 0;
    }
}
