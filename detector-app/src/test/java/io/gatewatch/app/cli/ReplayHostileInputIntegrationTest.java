package io.gatewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** replay over a file with invalid UTF-8 and a 5 MB line: both handled per line, the run and its alert go on. */
class ReplayHostileInputIntegrationTest {
    private static final Path SHARED = Path.of(System.getProperty("gatewatch.shared", "../../shared"));

    @Test
    void shouldReplaceInvalidUtf8AndDeadLetterAnOverLongLineWithoutAbortingTheRun(@TempDir Path tmp) throws Exception {
        Path fixture = SHARED.resolve("data/crowdsec-hub-tests/nginx-http-generic-bf/nginx-http-generic-bf.log");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        // invalid UTF-8 in the user agent of an otherwise sound line, first, so a charset decoder would stop at once
        file.writeBytes("198.51.100.7 - - [06/Mar/2022:16:14:00 +0100] \"GET /ok HTTP/1.1\" 200 5 \"-\" \"bad "
                .getBytes(StandardCharsets.US_ASCII));
        file.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xC3});
        file.writeBytes("\"\n".getBytes(StandardCharsets.US_ASCII));
        file.writeBytes("x".repeat(5 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII));
        file.write('\n');
        file.writeBytes(Files.readAllBytes(fixture));
        Path input = tmp.resolve("access.log");
        Files.write(input, file.toByteArray());

        CliRun run = CliRun.of("replay", "--format", "nginx", "--input", input.toString());

        assertEquals(0, run.exit(), run.err());
        assertEquals(1, run.out().lines().count(), "the brute force is still alerted: " + run.out());
        assertTrue(run.out().contains("\"credential_stuffing\""), run.out());
        // 22 fixture lines + 2: the invalid-UTF-8 line parses (7 events), the 5 MB line joins the 16 error-log lines in the DLQ
        assertTrue(run.err().contains("24 lines read, 7 events parsed, 17 dead-lettered"), run.err());
    }
}
