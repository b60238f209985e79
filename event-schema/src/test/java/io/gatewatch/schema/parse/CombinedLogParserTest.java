package io.gatewatch.schema.parse;

import io.gatewatch.schema.SecretHasher;

import static io.gatewatch.schema.parse.Fixtures.line;
import static io.gatewatch.schema.parse.Fixtures.rejection;
import static io.gatewatch.schema.parse.Fixtures.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.schema.ApiEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CombinedLogParserTest {
    private final SecretHasher hasher = SecretHasher.of("test-deployment-key-0123456789");
    private final CombinedLogParser nginx = CombinedLogParser.nginx(hasher);
    private final CombinedLogParser apache = CombinedLogParser.apache(hasher);

    @Test
    void shouldReadEveryFieldOfACombinedLine() {
        ApiEvent e = single(apache.parse(line("logs/elastic-examples/apache_logs", 1)));

        assertEquals(Instant.parse("2015-05-17T10:05:03Z"), e.ts());
        assertEquals("apache", e.gateway());
        assertEquals("83.149.9.216", e.clientIp());
        assertNull(e.apiKeyHash());
        assertNull(e.user());
        assertEquals("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.77 Safari/537.36", e.userAgent());
        assertEquals("GET", e.method());
        assertNull(e.host());
        assertEquals("/presentations/logstash-monitorama-2013/images/kibana-search.png", e.path());
        assertNull(e.query());
        assertEquals("/presentations/logstash-monitorama-2013/images/kibana-search.png", e.route());
        assertEquals(200, e.status());
        assertEquals(203023L, e.bytesOut());
        assertNull(e.bytesIn());
        assertNull(e.latencyMs());
        assertNull(e.requestId());
    }

    @Test
    void shouldConvertTheLocalTimeOffsetToUtc() {
        // hackers-access.log line 3: [25/Oct/2015:04:11:27 +0100]
        ApiEvent e = single(apache.parse(line("logs/nielsbasjes-logparser/hackers-access.log", 3)));

        assertEquals(Instant.parse("2015-10-25T03:11:27Z"), e.ts());
        assertEquals("23.95.237.180", e.clientIp());
        assertEquals("POST", e.method());
        assertEquals("/join_form", e.path());
        assertEquals(302, e.status());
        assertEquals(9093L, e.bytesOut());

        // slrbl-webhawk: [22/Oct/2021:02:28:56 -0700], and a trailing space after the user agent
        ApiEvent west = single(apache.parse(line("logs/slrbl-webhawk/access.log.2021-10-22", 1)));
        assertEquals(Instant.parse("2021-10-22T09:28:56Z"), west.ts());
        assertEquals("/Datasets%20Description/Network/ftp.html", west.path());
        assertEquals("Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", west.userAgent());
    }

    @Test
    void shouldSplitTheQueryFromThePath() {
        // nginx_http-logs line 3: "GET /solr/admin/info/system?wt=json HTTP/1.1" 500 803
        ApiEvent e = single(nginx.parse(line("crowdsec-hub-tests/nginx_http-logs/nginx_http-logs.log", 3)));

        assertEquals("nginx", e.gateway());
        assertEquals("/solr/admin/info/system", e.path());
        assertEquals("wt=json", e.query());
        assertEquals("/solr/admin/info/system", e.route());
        assertEquals(500, e.status());
        assertEquals(803L, e.bytesOut());
    }

    @Test
    void shouldStripASyslogPrefix() {
        String line = Fixtures.examples("nginx.txt").stream().filter(l -> l.contains("nginx[2869]")).findFirst().orElseThrow();
        assertTrue(line.startsWith("Sep 15 16:13:46 ip-172-31-43-28"), line);

        ApiEvent e = single(nginx.parse(line));

        assertEquals(Instant.parse("2021-09-15T16:13:46Z"), e.ts());
        assertEquals("81.150.104.130", e.clientIp());
        assertEquals("POST", e.method());
        assertEquals("/wp-login.php", e.path());
        assertEquals(200, e.status());
        assertEquals(5364L, e.bytesOut());
        assertEquals("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:64.0) Gecko/20100101 Firefox/64.0", e.userAgent());
        assertNull(e.host());
    }

    @Test
    void shouldStripAnRfc5424Prefix() {
        // pfsense-rfc5424-nginx carries an error-log line; wrap a real access line the same way.
        String access = line("crowdsec-hub-tests/nginx_http-logs/nginx_http-logs.log", 1);
        ApiEvent e = single(nginx.parse("<171>1 2025-11-05T20:47:03.000000+00:00 firewall.lan nginx - - - " + access));

        assertEquals("192.168.1.1", e.clientIp());
        assertEquals(Instant.parse("2020-01-04T07:25:02Z"), e.ts());
        assertNull(e.host());
    }

    @Test
    void shouldReadALeadingVirtualHostWithoutItsPort() {
        String file = "crowdsec-hub-tests/nginx_http-logs/nginx_http-logs.log";
        ApiEvent plain = single(nginx.parse(line(file, 4)));
        ApiEvent withPort = single(nginx.parse(line(file, 6)));

        assertEquals("www.crowdsec.net", plain.host());
        assertEquals("192.168.1.1", plain.clientIp());
        assertEquals("www.crowdsec11.net", withPort.host());
        assertEquals("192.168.1.1", withPort.clientIp());
        assertEquals("/test/uppercase/extensions.JPG", withPort.path());
        assertEquals(301, withPort.status());
        assertEquals(0L, withPort.bytesOut());

        // apache2-logs line 7: website.com:443 1.2.3.4 - - [25/Oct/2021:11:05:52 +0200] ... "abc.com" "User-agent-string"
        ApiEvent apacheVhost = single(apache.parse(line("crowdsec-hub-tests/apache2-logs/apache2-logs.log", 7)));
        assertEquals("website.com", apacheVhost.host());
        assertEquals("1.2.3.4", apacheVhost.clientIp());
        assertEquals("User-agent-string", apacheVhost.userAgent());
        assertEquals(Instant.parse("2021-10-25T09:05:52Z"), apacheVhost.ts());
    }

    @Test
    void shouldReadTheRemoteUserAndToleratesAMissingUserField() {
        String file = "crowdsec-hub-tests/nginx_http-logs/nginx_http-logs.log";
        ApiEvent withUser = single(nginx.parse(line(file, 7)));
        ApiEvent noUserField = single(nginx.parse(line(file, 8)));

        assertEquals("user123", withUser.user());
        assertEquals("/api/login", withUser.path());
        assertEquals("curl/7.68.0", withUser.userAgent());
        assertNull(noUserField.user());
        assertEquals("192.168.1.1", noUserField.clientIp());
        assertEquals("/api/test", noUserField.path());
        assertEquals(100L, noUserField.bytesOut());
    }

    @Test
    void shouldReadTheCommonFormatWithoutRefererAndUserAgent() {
        // apache2-logs line 6: 116.203.1.1 - - [05/Mar/2021:09:01:38 +0100] "GET /test/lists/sip_30d.txt HTTP/1.0" 200 1513
        ApiEvent e = single(apache.parse(line("crowdsec-hub-tests/apache2-logs/apache2-logs.log", 6)));

        assertEquals(Instant.parse("2021-03-05T08:01:38Z"), e.ts());
        assertEquals("/test/lists/sip_30d.txt", e.path());
        assertEquals(1513L, e.bytesOut());
        assertNull(e.userAgent());
        assertNull(e.latencyMs());
    }

    @Test
    void shouldUndoApacheEscapesInsideTheRequest() {
        // apache-http-probing line 45: "GET /sys/code/box.inc.php?config[\\\"sipssys\\\"]=http://cirt.net/rfiinc.txt? HTTP/1.1"
        ApiEvent e = single(apache.parse(line("crowdsec-hub-tests/apache-http-probing/apache-http-probing.log", 45)));

        assertEquals("GET", e.method());
        assertEquals("/sys/code/box.inc.php", e.path());
        assertEquals("config[\\\"sipssys\\\"]=http://cirt.net/rfiinc.txt?", e.query());
        assertEquals(404, e.status());
        assertEquals(196L, e.bytesOut());
    }

    @Test
    void shouldKeepAnEscapedQuoteInsideTheUserAgent() {
        String line = "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET /a HTTP/1.0\" 200 2326 \"-\" \"evil \\\"quoted\\\" agent\"";
        ApiEvent apacheStyle = single(apache.parse(line));
        ApiEvent nginxStyle = single(nginx.parse(line.replace("\\\"", "\\x22")));

        assertEquals("evil \"quoted\" agent", apacheStyle.userAgent());
        assertEquals("evil \"quoted\" agent", nginxStyle.userAgent());
        assertEquals(Instant.parse("2000-10-10T20:55:36Z"), apacheStyle.ts());
    }

    @Test
    void shouldKeepTheUserAgentOfALineCutShortInsideIt() {
        // apache_logs line 8899 ends "... +http://www.google.com/bot.html" with no closing quote
        ApiEvent e = single(apache.parse(line("logs/elastic-examples/apache_logs", 8899)));

        assertEquals("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html", e.userAgent());
        assertEquals(235L, e.bytesOut());
    }

    @Test
    void shouldReadIpv6Clients() {
        ApiEvent e = single(nginx.parse(line("crowdsec-hub-tests/ipv6-postoverflow/ipv6-postoverflow.log", 1)));

        assertEquals("2001:0db8:85a3:0000:0000:8a2e:0370:7334", e.clientIp());
        assertEquals("HEAD", e.method());
        assertEquals("/", e.path());
        assertEquals("/", e.route());
        assertEquals(Instant.parse("2021-09-29T12:11:34Z"), e.ts());
        assertEquals(0L, e.bytesOut());
        assertEquals("Mozilla/5.00 (Nikto/2.1.5) (Evasions:None) (Test:Port Check)", e.userAgent());

        // calibre-web-whitelist: compressed IPv6, HTTP/2.0, empty "" referer and agent
        ApiEvent compressed = single(nginx.parse(line("crowdsec-hub-tests/calibre-web-whitelist/calibre-web-logs.log", 1)));
        assertEquals("2001:db8:1:2:3:4:5:6", compressed.clientIp());
        assertEquals("/cover/5/md", compressed.path());
        assertEquals("/cover/{id}/md", compressed.route());
        assertEquals("c=1746230055", compressed.query());
        assertNull(compressed.userAgent());
        assertEquals(Instant.parse("2025-07-18T16:09:08Z"), compressed.ts());
    }

    @Test
    void shouldKeepBinaryJunkRequestsAsEventsWithoutMethodOrPath() {
        String file = "crowdsec-hub-tests/nginx-http-malformed/nginx_http-logs.log";
        for (int n : new int[] {1, 2, 3, 4, 6, 8, 9, 10, 11, 12}) {
            ApiEvent e = single(nginx.parse(line(file, n)));
            assertNull(e.method(), "line " + n);
            assertNull(e.path(), "line " + n);
            assertNull(e.route(), "line " + n);
            assertEquals(400, e.status(), "line " + n);
            assertEquals(157L, e.bytesOut(), "line " + n);
            assertEquals("1.2.3.4", e.clientIp(), "line " + n);
            assertNull(e.userAgent(), "line " + n);
        }
        // TLS handshakes logged by Apache as "\x16\x03\x01..."
        ApiEvent tls = single(apache.parse(line("crowdsec-hub-tests/apache2-malformed/apache2-logs.log", 1)));
        assertNull(tls.method());
        assertEquals(400, tls.status());
        assertEquals(Instant.parse("2023-10-16T18:57:49Z"), tls.ts());
    }

    @Test
    void shouldKeepATokenAsTheMethodEvenWhenItIsNoHttpMethod() {
        String file = "crowdsec-hub-tests/nginx-http-malformed/nginx_http-logs.log";
        ApiEvent help = single(nginx.parse(line(file, 5)));   // "HELP"
        ApiEvent batman = single(nginx.parse(line(file, 7))); // "batman"

        assertEquals("HELP", help.method());
        assertNull(help.path());
        assertEquals("batman", batman.method());
        assertEquals(Instant.parse("2023-07-29T17:26:07Z"), batman.ts());
    }

    @Test
    void shouldReadEmptyAndDashRequestsAsEventsWithoutMethod() {
        // fail2ban nginx-bad-request: "" request, a root user, and a trailing "$http_x_forwarded_for"
        ApiEvent empty = single(nginx.parse(line("logs/fail2ban-tests/nginx-bad-request.log", 5)));
        assertNull(empty.method());
        assertNull(empty.path());
        assertEquals("root", empty.user());
        assertEquals(400, empty.status());
        assertNull(empty.userAgent());

        String dash = line("crowdsec-hub-tests/nginx_http-logs/nginx_http-logs.log", 1)
                .replace("\"GET /.well-known/acme-challenge/FMuukC2JOJ5HKmLBujjE_BkDo HTTP/1.1\"", "\"-\"");
        ApiEvent dashed = single(nginx.parse(dash));
        assertNull(dashed.method());
        assertNull(dashed.path());
        assertEquals(404, dashed.status());
        assertEquals("Go-http-client/1.1", dashed.userAgent());
    }

    @Test
    void shouldReadConnectAndAbsoluteFormTargets() {
        // fail2ban nginx-bad-request line 20: "CONNECT 123.123.123.123 HTTP/1.1"
        ApiEvent connect = single(nginx.parse(line("logs/fail2ban-tests/nginx-bad-request.log", 20)));
        assertEquals("CONNECT", connect.method());
        assertEquals("123.123.123.123", connect.path());
        assertEquals("{id}", connect.route());
        assertEquals("root", connect.user());

        String proxy = "127.0.0.1 - - [10/Oct/2023:10:22:41 +0200] \"GET http://example.com:8080/index.php?x=1 HTTP/1.1\" 200 10 \"-\" \"x\"";
        ApiEvent absolute = single(nginx.parse(proxy));
        assertEquals("example.com", absolute.host());
        assertEquals("/index.php", absolute.path());
        assertEquals("x=1", absolute.query());
    }

    @Test
    void shouldTakeRequestTimeAfterTheUserAgentAsLatency() {
        String base = line("crowdsec-hub-tests/nginx_http-logs/nginx_http-logs.log", 7);

        assertEquals(123.0, single(nginx.parse(base + " 0.123")).latencyMs(), 1e-9);
        assertEquals(1500.0, single(nginx.parse(base + " \"10.0.0.1, 10.0.0.2\" rt=1.500")).latencyMs(), 1e-9);
        assertEquals(4.0, single(nginx.parse(base + " 7 \"router@docker\" \"http://10.0.0.2\" 4ms")).latencyMs(), 1e-9);
        assertNull(single(nginx.parse(base + " 12345")).latencyMs(), "a bare integer has no knowable unit");
    }

    @Test
    void shouldRejectLinesWhoseStructureIsBrokenWithAReason() {
        String good = line("crowdsec-hub-tests/nginx_http-logs/nginx_http-logs.log", 1);

        assertTrue(rejection(nginx.parse(line("crowdsec-hub-tests/nginx_http-logs/nginx_http-logs.log", 9)))
                .startsWith("nginx: no [dd/Mon/yyyy"), "an error-log line is no access line");
        assertEquals("nginx: empty line", rejection(nginx.parse("   ")));
        assertEquals("nginx: null record", rejection(nginx.parse(null)));
        assertEquals("nginx: no closing quote after request", rejection(nginx.parse(good.substring(0, 70))));
        assertEquals("nginx: status '' is not a number", rejection(nginx.parse(good.substring(0, good.indexOf(" 404 ")))));
        assertTrue(rejection(nginx.parse(good.replace(" 404 522 ", " 404 abc "))).contains("size 'abc'"));
        assertTrue(rejection(nginx.parse(good.replace("04/Jan/2020", "34/Jan/2020"))).contains("unreadable time"));
        assertEquals("nginx: no client address before the time",
                rejection(nginx.parse(line("crowdsec-hub-tests/nginx-proxy-manager-logs/nginx-proxy-manager-logs.log", 1))));
    }

    @Test
    void shouldReadEveryNginxAndApacheLineOfTheCrowdsecHubTests() {
        // Every hub test whose log type is nginx or apache2 holds access lines and some error-log lines.
        int parsed = 0;
        int rejected = 0;
        for (String dir : new String[] {"nginx_http-logs", "apache2-logs", "http-dos-invalid-http-versions",
                "nextcloud-whitelist", "jellyfin-whitelist", "apache_log4j2_cve-2021-44228", "http-bf-wordpress-bf"}) {
            java.io.File[] files = Fixtures.data().resolve("crowdsec-hub-tests").resolve(dir).toFile()
                    .listFiles(f -> f.getName().endsWith(".log"));
            for (java.io.File f : files) {
                for (String l : Fixtures.lines("crowdsec-hub-tests/" + dir + "/" + f.getName())) {
                    if (l.isBlank()) {
                        continue;
                    }
                    if (nginx.parse(l) instanceof ParseResult.Parsed) {
                        parsed++;
                    } else {
                        rejected++;
                    }
                }
            }
        }
        // The three rejected lines are the nginx and Apache error-log lines in nginx_http-logs and apache2-logs.
        assertEquals(3, rejected);
        assertEquals(56, parsed);
    }
}
