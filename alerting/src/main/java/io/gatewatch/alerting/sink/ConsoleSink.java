package io.gatewatch.alerting.sink;

import io.gatewatch.alerting.format.ConsoleFormat;
import io.gatewatch.schema.Alert;
import java.io.PrintStream;

/** One readable line per alert (see {@link ConsoleFormat}); shadow alerts are marked {@code [shadow]}. */
public final class ConsoleSink implements Sink {
    private final String name;
    private final PrintStream out;

    public ConsoleSink(String name, PrintStream out) {
        this.name = name;
        this.out = out;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SendResult send(Alert alert) {
        out.println(ConsoleFormat.line(alert));
        out.flush();
        return out.checkError() ? new SendResult.Retryable("console stream reported an error") : SendResult.delivered();
    }
}
