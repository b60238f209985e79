package io.gatewatch.schema.parse;

import io.gatewatch.schema.SecretHasher;

import static io.gatewatch.schema.parse.Fixtures.line;
import static io.gatewatch.schema.parse.Fixtures.rejection;
import static io.gatewatch.schema.parse.Fixtures.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParsersTest {
    private final SecretHasher hasher = SecretHasher.of("test-deployment-key-0123456789");
    private final Parsers parsers = Parsers.standard();

    @Test
    void shouldFindParsersByFormatName() {
        assertTrue(parsers.names().containsAll(java.util.List.of("nginx", "apache", "auto")), parsers.names().toString());
        assertEquals("nginx", parsers.forName("nginx").format());
        assertEquals("apache", parsers.forName("apache").format());
        assertEquals("auto", parsers.forName("auto").format());
    }

    @Test
    void shouldNameTheAllowedFormatsForAnUnknownName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parsers.forName("ngnix"));
        assertTrue(e.getMessage().startsWith("unknown log format 'ngnix'; allowed: nginx, apache"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parsers.forName(null));
    }

    @Test
    void shouldReportTheGatewayTheParserWasRegisteredFor() {
        String l = line("logs/elastic-examples/apache_logs", 2);
        assertEquals("apache", single(parsers.forName("apache").parse(l)).gateway());
        assertEquals("nginx", single(parsers.forName("nginx").parse(l)).gateway());
    }

    @Test
    void shouldLetAutoReadTextLinesAsCombinedLogs() {
        String l = line("crowdsec-hub-tests/ipv6-postoverflow/ipv6-postoverflow.log", 2);
        assertEquals("2001:0db8:85a3:0000:0000:8a2e:0370:7334", single(parsers.forName("auto").parse(l)).clientIp());
    }

    @Test
    void shouldLetAutoRejectBrokenJsonWithAReason() {
        String reason = rejection(parsers.forName("auto").parse("{\"remote_addr\": \"1.2.3.4\", "));
        assertTrue(reason.startsWith("auto: record starts like JSON but is not JSON"), reason);
        assertTrue(rejection(parsers.forName("auto").parse("[[1], 2]")).contains("not an object"));
    }

    @Test
    void shouldAddOrReplaceAFormatWithoutChangingTheOriginal() {
        LogParser custom = new CombinedLogParser("caddy-clf", hasher);
        Parsers extended = parsers.with(custom);

        assertSame(custom, extended.forName("caddy-clf"));
        assertThrows(IllegalArgumentException.class, () -> parsers.forName("caddy-clf"));
    }
}
