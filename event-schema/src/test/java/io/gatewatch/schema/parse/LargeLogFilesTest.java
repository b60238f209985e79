package io.gatewatch.schema.parse;

import io.gatewatch.schema.SecretHasher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.schema.ApiEvent;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whole real access logs through the combined parser: the parse ratio, and no exception escaping. */
class LargeLogFilesTest {
    private final SecretHasher hasher = SecretHasher.of("test-deployment-key-0123456789");
    private final CombinedLogParser parser = CombinedLogParser.apache(hasher);

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "logs/elastic-examples/apache_logs, 10000",
            "logs/nielsbasjes-logparser/hackers-access.log, 3456",
            "logs/slrbl-webhawk/access.log.2021-10-22, 644",
            "logs/slrbl-webhawk/access.log.2022-12-22, 1262"})
    void shouldParseEveryLineOfARealAccessLog(String file, int expectedLines) {
        List<String> lines = Fixtures.lines(file);
        assertEquals(expectedLines, lines.size(), "fixture changed");
        int parsed = 0;
        int withRoute = 0;
        long started = System.nanoTime();
        for (String line : lines) {
            ParseResult result = parser.parse(line); // an exception here fails the test
            if (result instanceof ParseResult.Parsed(List<ApiEvent> events)) {
                parsed++;
                ApiEvent e = events.getFirst();
                assertTrue(e.status() >= 100 && e.status() <= 599, line);
                assertTrue(e.clientIp() != null && !e.clientIp().isEmpty(), line);
                if (e.route() != null) {
                    withRoute++;
                }
            } else {
                System.out.println(file + " rejected: " + ((ParseResult.Rejected) result).reason() + " <- " + line);
            }
        }
        double micros = (System.nanoTime() - started) / 1000.0 / lines.size();
        double ratio = (double) parsed / lines.size();
        System.out.printf("%s: parsed %d/%d lines (%.4f), %d with a route, %.2f us/line (cold)%n",
                file, parsed, lines.size(), ratio, withRoute, micros);
        assertEquals(1.0, ratio, "every line of these logs is a valid combined line");
    }
}
