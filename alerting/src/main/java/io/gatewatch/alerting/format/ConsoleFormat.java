package io.gatewatch.alerting.format;

import io.gatewatch.schema.Alert;

/**
 * One readable line per alert, e.g.
 * {@code 12:01:05 HIGH credential_stuffing client=ip:203.0.113.7 POST /api/v1/login  "summary"  (update 2)}.
 * Times are the alert's event time in UTC.
 */
public final class ConsoleFormat {
    private ConsoleFormat() {
    }

    public static String line(Alert a) {
        StringBuilder s = new StringBuilder();
        if (a.mode() == Alert.Mode.SHADOW) {
            s.append("[shadow] ");
        }
        s.append(AlertText.clock(a)).append(' ')
                .append(AlertText.severityWord(a.severity())).append(' ')
                .append(AlertText.printable(a.detector()));
        String subject = AlertText.subject(a);
        if (!subject.isEmpty()) {
            s.append(" client=").append(AlertText.printable(subject));
        } else if (a.scope() != null) {
            s.append(" scope=").append(a.scope().json());
            if (!a.sources().isEmpty()) {
                s.append(" sources=").append(a.sources().size());
            }
        }
        String endpoint = AlertText.endpoint(a);
        if (!endpoint.isEmpty()) {
            s.append(' ').append(AlertText.printable(endpoint));
        }
        s.append("  \"").append(AlertText.printable(a.summary())).append('"');
        if (a.isUpdate()) {
            s.append("  (update ").append(a.revision()).append(')');
        }
        return s.toString();
    }
}
