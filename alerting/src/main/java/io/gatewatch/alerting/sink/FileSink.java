package io.gatewatch.alerting.sink;

import io.gatewatch.alerting.format.AlertFormat;
import io.gatewatch.alerting.format.AlertFormats;
import io.gatewatch.schema.Alert;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends one line per alert (JSON lines, or CEF lines) to a file, flushed per alert. */
public final class FileSink implements Sink {
    private final String name;
    private final Path path;
    private final AlertFormats formats;
    private final AlertFormat format;
    private Writer writer;

    public FileSink(String name, Path path, AlertFormats formats, AlertFormat format) {
        this.name = name;
        this.path = path;
        this.formats = formats;
        this.format = format;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SendResult send(Alert alert) {
        String line;
        try {
            line = formats.line(format, alert);
        } catch (IllegalArgumentException e) {
            return new SendResult.Failed(Sink.describe(e));
        }
        try {
            if (writer == null) {
                Path parent = path.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            writer.write(line);
            writer.write('\n');
            writer.flush();
            return SendResult.delivered();
        } catch (IOException e) {
            close();
            return new SendResult.Retryable(Sink.describe(e));
        }
    }

    @Override
    public void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException ignored) {
                // Closing after a failed write; the failure was already reported.
            }
            writer = null;
        }
    }
}
