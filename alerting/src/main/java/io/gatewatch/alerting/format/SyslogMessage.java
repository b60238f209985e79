package io.gatewatch.alerting.format;

import io.gatewatch.schema.Alert;
import io.gatewatch.schema.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Syslog headers (RFC 5424 and the older BSD RFC 3164) and TCP framing (RFC 6587). The header time is the
 * alert's event time, so a replay carries the times the attack happened; RFC 3164 has no zone and is UTC.
 */
public final class SyslogMessage {
    private static final DateTimeFormatter BSD_TIME =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private SyslogMessage() {
    }

    /** Syslog severity: critical 2 (crit), high 3 (err), medium 4 (warning), low 5 (notice). */
    public static int severity(Alert.Severity s) {
        if (s == null) {
            return 6;
        }
        return switch (s) {
            case CRITICAL -> 2;
            case HIGH -> 3;
            case MEDIUM -> 4;
            case LOW -> 5;
        };
    }

    public static int priority(int facility, Alert.Severity s) {
        return facility * 8 + severity(s);
    }

    /** {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME - MSGID - MSG}; MSGID is the detector. */
    public static String rfc5424(int facility, String hostname, String appName, Alert a, String msg) {
        Instant t = a.detectedAt() == null ? Instant.EPOCH : a.detectedAt();
        return "<" + priority(facility, a.severity()) + ">1 " + Timestamps.format(t) + " "
                + token(hostname, 255) + " " + token(appName, 48) + " - " + token(a.detector(), 32) + " - " + msg;
    }

    /** {@code <PRI>Mmm dd HH:mm:ss HOSTNAME TAG: MSG}. */
    public static String rfc3164(int facility, String hostname, String appName, Alert a, String msg) {
        Instant t = a.detectedAt() == null ? Instant.EPOCH : a.detectedAt();
        return "<" + priority(facility, a.severity()) + ">" + BSD_TIME.format(t) + " "
                + token(hostname, 255) + " " + token(appName, 32) + ": " + msg;
    }

    /** RFC 6587 octet counting: {@code LEN SP MSG}, LEN in bytes. */
    public static byte[] octetCounted(String message) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = (body.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        return out;
    }

    /** RFC 6587 non-transparent framing; a line break inside would split the message, so none may remain. */
    public static byte[] lineFramed(String message) {
        return (message.replace('\n', ' ').replace('\r', ' ') + "\n").getBytes(StandardCharsets.UTF_8);
    }

    // Header fields are PRINTUSASCII without spaces; "-" is the nil value.
    private static String token(String s, int max) {
        if (s == null || s.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (b.length() == max) {
                break;
            }
            b.append(c > 32 && c < 127 ? c : '_');
        }
        return b.toString();
    }
}
