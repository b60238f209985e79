package io.gatewatch.app.run;

import io.gatewatch.app.cli.Main;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code detector run} in a child JVM, as production runs it: killed with SIGKILL it gets no chance to
 * close anything, which an in-process Kafka Streams instance cannot show.
 */
final class GatewatchProcess implements AutoCloseable {
    private final List<String> command;
    private final Path output;
    private Process process;
    private int starts;

    GatewatchProcess(Path config, Path stateDir, Path output) throws IOException {
        this.output = output;
        this.command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", "--config", config.toString(), "--state-dir", stateDir.toString(), "--no-alerting",
                "--metrics-port", Integer.toString(freePort()));
    }

    void start() throws IOException {
        starts++;
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("run did not die within 30 s of SIGKILL");
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    int starts() {
        return starts;
    }

    /** The last lines the process printed, for a failure message. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(output);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** SIGTERM: run closes Kafka Streams in its shutdown hook. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(45, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
