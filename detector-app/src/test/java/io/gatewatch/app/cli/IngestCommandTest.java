package io.gatewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.schema.parse.Parsers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest command's refusals: each names the problem, with the exit code scripts rely on. No broker. */
class IngestCommandTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldRejectAnUnknownFormatListingTheAllowedOnes(@TempDir Path tmp) throws IOException {
        Path log = Files.writeString(tmp.resolve("access.log"), "x\n");
        int code = run("--format", "bogus", log.toString());
        assertEquals(2, code);
        assertTrue(stderr().startsWith("detector: ingest: --format bogus: unknown format; allowed: "
                + String.join(", ", Parsers.standard().names()) + "\n"), stderr());
    }

    @Test
    void shouldExitWith2NamingAMissingFile() {
        int code = run("--format", "nginx", "/nonexistent/access.log");
        assertEquals(2, code);
        assertEquals("ingest: no such file: /nonexistent/access.log", stderr().strip());
    }

    @Test
    void shouldRequireTheFileToSend() {
        int code = run("--format", "nginx");
        assertEquals(2, code);
        assertTrue(stderr().startsWith("detector: ingest: the log file to send (or - for standard input) is required"), stderr());
    }

    @Test
    void shouldRefuseToFollowStandardInput() {
        int code = run("--follow", "-");
        assertEquals(2, code);
        assertTrue(stderr().startsWith("detector: ingest: --follow and --from-end need a file"), stderr());
    }

    @Test
    void shouldRefuseASecondFile() {
        int code = run("a.log", "b.log");
        assertEquals(2, code);
        assertTrue(stderr().startsWith("detector: ingest: unexpected argument 'b.log'"), stderr());
    }

    @Test
    void shouldFailWithinTheTimeoutWhenNoBrokerListens(@TempDir Path tmp) throws IOException {
        Path log = Files.writeString(tmp.resolve("access.log"), "x\n");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        long started = System.nanoTime();
        int code = run("--bootstrap", "127.0.0.1:" + port, "--timeout", "2s", log.toString());
        double secs = (System.nanoTime() - started) / 1e9;
        assertEquals(1, code);
        assertEquals("ingest: cannot reach Kafka at 127.0.0.1:" + port + " within 2s; is the broker running and "
                + "the address right (--bootstrap or kafka.bootstrap_servers)?", stderr().strip());
        assertTrue(secs < 10, "gave up after " + secs + " s");
    }

    private int run(String... args) {
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        return Main.run(List.of(concat("ingest", args)), new PrintStream(new ByteArrayOutputStream()), errStream);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
