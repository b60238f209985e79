package io.gatewatch.alerting.sink;

import io.gatewatch.alerting.format.TestDetectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.alerting.TestAlerts;
import io.gatewatch.alerting.config.DeliverySettings;
import io.gatewatch.alerting.config.SinkConfig;
import io.gatewatch.alerting.format.AlertFormat;
import io.gatewatch.alerting.format.AlertFormats;
import io.gatewatch.alerting.format.CefParser;
import io.gatewatch.alerting.format.Product;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Syslog over TLS (RFC 5425 framing) to a JDK TLS listener whose certificate keytool made for 127.0.0.1. */
class SyslogTlsTest {
    @TempDir
    Path dir;
    private SSLServerSocket server;
    private Thread acceptor;
    private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();

    @BeforeEach
    void startListener() throws Exception {
        Path keystore = dir.resolve("server.p12");
        keytool("-genkeypair", "-alias", "syslog", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-storetype", "PKCS12");
        keytool("-exportcert", "-rfc", "-alias", "syslog", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", dir.resolve("ca.pem").toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon().start(this::accept);
    }

    private void keytool(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed: " + out);
    }

    private void accept() {
        while (!server.isClosed()) {
            try (SSLSocket s = (SSLSocket) server.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                while (true) {
                    ByteArrayOutputStream len = new ByteArrayOutputStream();
                    int c;
                    while ((c = in.read()) != ' ') {
                        if (c < 0) {
                            throw new IOException("closed");
                        }
                        len.write(c);
                    }
                    byte[] msg = new byte[Integer.parseInt(len.toString(StandardCharsets.US_ASCII))];
                    in.readFully(msg);
                    frames.add(new String(msg, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // Client went away or a failed handshake; wait for the next connection.
            }
        }
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        acceptor.join(5_000);
    }

    private SyslogSink sink(Path caFile) {
        SinkConfig.Syslog config = new SinkConfig.Syslog("siem-tls", "127.0.0.1", server.getLocalPort(), SinkConfig.Transport.TLS,
                SinkConfig.Framing.OCTET_COUNTING, SinkConfig.Header.RFC5424, 20, "gw-test-1", "gatewatch", AlertFormat.CEF,
                caFile, DeliverySettings.defaults());
        return new SyslogSink(config, new AlertFormats(new Product("Gatewatch", "Gatewatch", "0.1.0"), "gw-test-1", TestDetectors.STANDARD), Duration.ofSeconds(5));
    }

    @Test
    void shouldSendOctetCountedCefOverTlsTrustingTheConfiguredCa() throws Exception {
        try (SyslogSink s = sink(dir.resolve("ca.pem"))) {
            assertEquals(new SendResult.Delivered(), s.send(TestAlerts.credentialStuffing()));
            assertEquals(new SendResult.Delivered(), s.send(TestAlerts.hostile()));
        }
        String first = frames.poll(10, TimeUnit.SECONDS);
        assertTrue(first.startsWith("<163>1 2025-03-14T12:01:05.120Z gw-test-1 gatewatch - credential_stuffing - CEF:0|"), first);
        assertEquals("cs-hostile-1", CefParser.parse(frames.poll(10, TimeUnit.SECONDS)).extension().get("externalId"));
    }

    @Test
    void shouldRefuseAnUntrustedCertificateAsARetryableFailure() {
        try (SyslogSink s = sink(null)) {
            SendResult r = s.send(TestAlerts.credentialStuffing());
            assertInstanceOf(SendResult.Retryable.class, r);
            assertTrue(((SendResult.Retryable) r).reason().startsWith("SSLHandshakeException"), r.toString());
        }
    }
}
