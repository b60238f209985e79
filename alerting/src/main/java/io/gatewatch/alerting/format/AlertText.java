package io.gatewatch.alerting.format;

import io.gatewatch.schema.Alert;
import io.gatewatch.schema.detector.DetectorInfos;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Human wording shared by every format, so an alert reads the same in Slack, a SIEM and a terminal. */
public final class AlertText {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private AlertText() {
    }

    /**
     * E.g. {@code Credential stuffing from ip:203.0.113.7 on POST /api/v1/login}.
     *
     * @param detectors where the detector's title is looked up
     */
    public static String title(Alert a, DetectorInfos detectors) {
        StringBuilder s = new StringBuilder(detectors.of(a.detector()).title());
        String who = subject(a);
        if (!who.isEmpty()) {
            s.append(" from ").append(who);
        }
        String where = endpoint(a);
        if (!where.isEmpty()) {
            s.append(" on ").append(where);
        }
        return s.toString();
    }

    /** The client key for client scope; empty otherwise (route and global alerts have many clients). */
    public static String subject(Alert a) {
        if (a.scope() == Alert.Scope.CLIENT && a.client() != null && a.client().key() != null) {
            return a.client().key();
        }
        return "";
    }

    /** {@code METHOD route}, either part omitted when absent. */
    public static String endpoint(Alert a) {
        String m = a.method() == null ? "" : a.method();
        String r = a.route() == null ? "" : a.route();
        return (m + " " + r).trim();
    }

    public static String severityWord(Alert.Severity s) {
        return s == null ? "UNKNOWN" : s.name();
    }

    public static String clock(Alert a) {
        return a.detectedAt() == null ? "--:--:--" : CLOCK.format(a.detectedAt());
    }

    public static String severityCaption(Alert.Severity s) {
        if (s == null) {
            return "Unknown";
        }
        String n = s.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    /** Replaces control characters, so text from requests cannot move a terminal's cursor or forge lines. */
    public static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                b.append('?');
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
