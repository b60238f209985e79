package io.gatewatch.alerting.sink;

import io.gatewatch.alerting.format.TestDetectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gatewatch.alerting.TestAlerts;
import io.gatewatch.alerting.config.DeliverySettings;
import io.gatewatch.alerting.config.SinkConfig;
import io.gatewatch.alerting.format.AlertFormat;
import io.gatewatch.alerting.format.AlertFormats;
import io.gatewatch.alerting.format.CefParser;
import io.gatewatch.alerting.format.Product;
import io.gatewatch.schema.Alert;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The syslog sink against a real rsyslogd: the test starts its own rsyslogd with its own config in a temp
 * dir, listening on free loopback TCP and UDP ports and writing what it parsed to a file, one line per
 * message: input|facility|severity|hostname|app-name|msgid|message.
 */
class RsyslogReceiverTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String SEP = "|#|";

    @TempDir
    static Path dir;
    private static Process rsyslogd;
    private static Path output;
    private static int tcpPort;
    private static int udpPort;

    @BeforeAll
    static void startRsyslog() throws Exception {
        Optional<Path> binary = Stream.of("/usr/sbin/rsyslogd", "/sbin/rsyslogd", "/usr/local/sbin/rsyslogd")
                .map(Path::of).filter(Files::isExecutable).findFirst();
        assumeTrue(binary.isPresent(), "rsyslogd is not installed (Debian: apt-get install -y rsyslog); "
                + "skipping the syslog test against a real receiver. CI installs it in .ci/run.");
        tcpPort = freeTcpPort();
        udpPort = freeUdpPort();
        output = dir.resolve("received.log");
        Path work = Files.createDirectories(dir.resolve("work"));
        Path conf = dir.resolve("rsyslog.conf");
        Files.writeString(conf, """
                global(workDirectory="%s" maxMessageSize="64k")
                module(load="imudp")
                module(load="imtcp")
                template(name="fields" type="string"
                         string="%%inputname%%%s%%syslogfacility-text%%%s%%syslogseverity-text%%%s%%hostname%%%s%%app-name%%%s%%msgid%%%s%%msg%%\\n")
                ruleset(name="gatewatch") {
                  action(type="omfile" file="%s" template="fields")
                }
                input(type="imudp" address="127.0.0.1" port="%d" ruleset="gatewatch")
                input(type="imtcp" address="127.0.0.1" port="%d" ruleset="gatewatch")
                """.formatted(work, SEP, SEP, SEP, SEP, SEP, SEP, output, udpPort, tcpPort));
        rsyslogd = new ProcessBuilder(binary.get().toString(), "-n", "-f", conf.toString(), "-i", dir.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("rsyslogd.out").toFile())
                .start();
        awaitTcpListening();
    }

    @AfterAll
    static void stopRsyslog() throws Exception {
        if (rsyslogd != null) {
            rsyslogd.destroy();
            if (!rsyslogd.waitFor(10, TimeUnit.SECONDS)) {
                rsyslogd.destroyForcibly();
            }
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Waits for an external process, so a bounded poll is unavoidable here. */
    private static void awaitTcpListening() throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!rsyslogd.isAlive()) {
                throw new AssertionError("rsyslogd exited with " + rsyslogd.exitValue() + ": "
                        + Files.readString(dir.resolve("rsyslogd.out")));
            }
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), tcpPort)) {
                probe.shutdownOutput();
                return;
            } catch (IOException notYet) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
        throw new AssertionError("rsyslogd did not listen on TCP " + tcpPort + " within " + WAIT + ": "
                + Files.readString(dir.resolve("rsyslogd.out")));
    }

    private static SyslogSink sink(SinkConfig.Transport transport, SinkConfig.Framing framing, SinkConfig.Header header) {
        int port = transport == SinkConfig.Transport.UDP ? udpPort : tcpPort;
        SinkConfig.Syslog config = new SinkConfig.Syslog("siem", "127.0.0.1", port, transport, framing, header, 20,
                "gw-test-1", "gatewatch", AlertFormat.CEF, null, DeliverySettings.defaults());
        return new SyslogSink(config, new AlertFormats(new Product("Gatewatch", "Gatewatch", "0.1.0"), "gw-test-1", TestDetectors.STANDARD), Duration.ofSeconds(5));
    }

    /** The received line whose CEF carries this alert id, waiting for rsyslog to write it. */
    private static List<String> received(String alertId, Runnable resend) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long nextResend = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(output)) {
                for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
                    if (line.contains("externalId=" + alertId + " ")) {
                        return List.of(line.split("\\|#\\|", 7));
                    }
                }
            }
            if (resend != null && System.nanoTime() > nextResend) {
                resend.run();
                nextResend = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        throw new AssertionError("rsyslog wrote no line for " + alertId + " within " + WAIT + "; file: "
                + (Files.exists(output) ? Files.readString(output) : "(none)"));
    }

    private static Alert withId(Alert a, String id) {
        return TestAlerts.revision(a, id, a.revision(), a.detectedAt());
    }

    private static void assertCefFieldsOf(Alert a, CefParser cef) {
        assertEquals("CEF:0", cef.header().get(0));
        assertEquals("Gatewatch", cef.header().get(1));
        assertEquals(a.detector(), cef.header().get(4));
        assertEquals("8", cef.header().get(6));
        Map<String, String> ext = cef.extension();
        assertEquals(a.alertId(), ext.get("externalId"));
        assertEquals(a.summary(), ext.get("msg"));
        assertEquals(a.client().ip(), ext.get("src"));
        assertEquals(a.client().key(), ext.get("cs2"));
        assertEquals(a.route(), ext.get("request"));
        assertEquals(a.method(), ext.get("requestMethod"));
        assertEquals(Long.toString(a.detectedAt().toEpochMilli()), ext.get("rt"));
        assertEquals(Integer.toString(a.revision()), ext.get("cn1"));
    }

    @Test
    void shouldDeliverCefOverTcpWithOctetCountingAndRfc5424() throws Exception {
        Alert plain = withId(TestAlerts.credentialStuffing(), "tcp-5424-plain");
        Alert hostile = withId(TestAlerts.hostile(), "tcp-5424-hostile");
        try (SyslogSink s = sink(SinkConfig.Transport.TCP, SinkConfig.Framing.OCTET_COUNTING, SinkConfig.Header.RFC5424)) {
            assertEquals(new SendResult.Delivered(), s.send(plain));
            assertEquals(new SendResult.Delivered(), s.send(hostile));
        }
        List<String> f = received(plain.alertId(), null);
        assertEquals(List.of("imtcp", "local4", "err", "gw-test-1", "gatewatch", "credential_stuffing"), f.subList(0, 6));
        assertCefFieldsOf(plain, CefParser.parse(f.get(6)));

        List<String> h = received(hostile.alertId(), null);
        CefParser cef = CefParser.parse(h.get(6));
        assertCefFieldsOf(hostile, cef);
        assertEquals("Credential stuffing from user:<!here>|x=y\\z on POST /api/v1/login|admin (update 1)", cef.header().get(5));
        assertEquals(hostile.client().user(), cef.extension().get("suser"));
    }

    @Test
    void shouldDeliverCefOverTcpWithLineFramingAndRfc3164() throws Exception {
        Alert a = withId(TestAlerts.credentialStuffing(), "tcp-3164-lf");
        try (SyslogSink s = sink(SinkConfig.Transport.TCP, SinkConfig.Framing.LF, SinkConfig.Header.RFC3164)) {
            assertEquals(new SendResult.Delivered(), s.send(a));
        }
        List<String> f = received(a.alertId(), null);
        assertEquals(List.of("imtcp", "local4", "err", "gw-test-1", "gatewatch"), f.subList(0, 5));
        assertCefFieldsOf(a, CefParser.parse(f.get(6)));
    }

    @Test
    void shouldDeliverCefOverUdpInBothHeaderFormats() throws Exception {
        Alert a5424 = withId(TestAlerts.hostile(), "udp-5424");
        Alert a3164 = withId(TestAlerts.credentialStuffing(), "udp-3164");
        try (SyslogSink s5424 = sink(SinkConfig.Transport.UDP, SinkConfig.Framing.OCTET_COUNTING, SinkConfig.Header.RFC5424);
             SyslogSink s3164 = sink(SinkConfig.Transport.UDP, SinkConfig.Framing.OCTET_COUNTING, SinkConfig.Header.RFC3164)) {
            assertEquals(new SendResult.Delivered(), s5424.send(a5424));
            assertEquals(new SendResult.Delivered(), s3164.send(a3164));
            // UDP may drop a datagram sent before rsyslog's UDP input is up; resending is what UDP senders do.
            List<String> f = received(a5424.alertId(), () -> s5424.send(a5424));
            assertEquals(List.of("imudp", "local4", "err", "gw-test-1", "gatewatch", "credential_stuffing"), f.subList(0, 6));
            assertCefFieldsOf(a5424, CefParser.parse(f.get(6)));
            List<String> g = received(a3164.alertId(), () -> s3164.send(a3164));
            assertEquals(List.of("imudp", "local4", "err", "gw-test-1", "gatewatch"), g.subList(0, 5));
            assertCefFieldsOf(a3164, CefParser.parse(g.get(6)));
        }
    }

    @Test
    void shouldReportARefusedTcpConnectionAsRetryable() throws Exception {
        SinkConfig.Syslog config = new SinkConfig.Syslog("siem", "127.0.0.1", freeTcpPort(), SinkConfig.Transport.TCP,
                SinkConfig.Framing.OCTET_COUNTING, SinkConfig.Header.RFC5424, 20, "gw", "gatewatch", AlertFormat.CEF, null,
                DeliverySettings.defaults());
        try (SyslogSink s = new SyslogSink(config, new AlertFormats(new Product("G", "G", "1"), "gw", TestDetectors.STANDARD), Duration.ofSeconds(2))) {
            SendResult r = s.send(TestAlerts.credentialStuffing());
            assertEquals(SendResult.Retryable.class, r.getClass(), r.toString());
        }
    }
}
