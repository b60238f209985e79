package io.gatewatch.alerting.sink;

import io.gatewatch.alerting.config.SinkConfig;
import io.gatewatch.alerting.format.AlertFormats;
import io.gatewatch.alerting.format.SyslogMessage;
import io.gatewatch.schema.Alert;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Sends each alert as one syslog message (RFC 5424 or RFC 3164 header; CEF or JSON body) over UDP, TCP
 * or TLS. Stream connections are kept open and reopened after a failure. Over plain TCP a write to a peer
 * that has just gone away can succeed locally and be lost; that is syslog-over-TCP's nature (RFC 6587).
 */
public final class SyslogSink implements Sink {
    /** Largest UDP payload over IPv4. */
    static final int MAX_DATAGRAM = 65_507;

    private final SinkConfig.Syslog config;
    private final AlertFormats formats;
    private final Duration timeout;
    private DatagramSocket udp;
    private Socket stream;
    private OutputStream out;

    public SyslogSink(SinkConfig.Syslog config, AlertFormats formats, Duration timeout) {
        this.config = config;
        this.formats = formats;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return config.name();
    }

    /** The full syslog message for an alert, without transport framing. */
    public String message(Alert alert) {
        String body = formats.line(config.format(), alert);
        return switch (config.header()) {
            case RFC5424 -> SyslogMessage.rfc5424(config.facility(), config.hostname(), config.appName(), alert, body);
            case RFC3164 -> SyslogMessage.rfc3164(config.facility(), config.hostname(), config.appName(), alert, body);
        };
    }

    @Override
    public SendResult send(Alert alert) {
        String message;
        try {
            message = message(alert);
        } catch (IllegalArgumentException e) {
            return new SendResult.Failed(Sink.describe(e));
        }
        try {
            if (config.transport() == SinkConfig.Transport.UDP) {
                return sendDatagram(message.getBytes(StandardCharsets.UTF_8));
            }
            byte[] framed = config.framing() == SinkConfig.Framing.OCTET_COUNTING
                    ? SyslogMessage.octetCounted(message) : SyslogMessage.lineFramed(message);
            if (out == null) {
                connect();
            }
            out.write(framed);
            out.flush();
            return SendResult.delivered();
        } catch (IOException | GeneralSecurityException e) {
            close();
            return new SendResult.Retryable(Sink.describe(e));
        }
    }

    private SendResult sendDatagram(byte[] bytes) throws IOException {
        if (bytes.length > MAX_DATAGRAM) {
            return new SendResult.Failed("message of " + bytes.length + " bytes does not fit a UDP datagram");
        }
        if (udp == null) {
            udp = new DatagramSocket();
        }
        udp.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(config.host(), config.port())));
        return SendResult.delivered();
    }

    private void connect() throws IOException, GeneralSecurityException {
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress(config.host(), config.port()), (int) timeout.toMillis());
            raw.setSoTimeout((int) timeout.toMillis());
            if (config.transport() == SinkConfig.Transport.TLS) {
                SSLSocket tls = (SSLSocket) sslContext().getSocketFactory().createSocket(raw, config.host(), config.port(), true);
                SSLParameters params = tls.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(params);
                tls.startHandshake();
                stream = tls;
            } else {
                stream = raw;
            }
            out = stream.getOutputStream();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private SSLContext sslContext() throws IOException, GeneralSecurityException {
        if (config.caFile() == null) {
            return SSLContext.getDefault();
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(config.caFile())) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    @Override
    public void close() {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // Reconnecting anyway.
            }
        }
        stream = null;
        out = null;
        if (udp != null) {
            udp.close();
            udp = null;
        }
    }
}
