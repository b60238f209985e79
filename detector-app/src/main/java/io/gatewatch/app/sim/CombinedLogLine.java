package io.gatewatch.app.sim;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Writes NGINX "combined" access log lines, as the simulators emit them. */
public final class CombinedLogLine {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private CombinedLogLine() {
    }

    public static String of(String ip, String user, Instant ts, String method, String target, int status,
            long bytes, String userAgent) {
        return of(ip, user, ts, method, target, status, bytes, null, userAgent);
    }

    /** @param referer the page the request came from, or null for nginx's {@code "-"} */
    public static String of(String ip, String user, Instant ts, String method, String target, int status,
            long bytes, String referer, String userAgent) {
        return ip + " - " + (user == null ? "-" : user) + " [" + TIME.format(ts) + "] \"" + method + " " + target
                + " HTTP/1.1\" " + status + " " + bytes + " \"" + (referer == null ? "-" : referer) + "\" \""
                + userAgent + "\"";
    }
}
