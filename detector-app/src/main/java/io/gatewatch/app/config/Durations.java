package io.gatewatch.app.config;

import java.time.Duration;

/** Durations as analysts write them: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 6h}, {@code 1d}. */
public final class Durations {
    private Durations() {
    }

    /** Null when the text is not a duration. */
    public static Duration parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == 0 || i > 12) {
            return null;
        }
        long n = Long.parseLong(t.substring(0, i));
        return switch (t.substring(i).trim()) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> null;
        };
    }

    /**
     * Why the text is not a duration (without the text itself), or null when it is one. The command line
     * prints {@code text + ": " + problem}.
     */
    public static String problem(String text) {
        if (parse(text) != null) {
            return null;
        }
        String t = text == null ? "" : text.trim();
        if (t.matches("[+-]?\\d+(\\.\\d+)?")) {
            return "a duration needs a unit, e.g. 90s, 5m or 1h";
        }
        return "not a duration; write e.g. 500ms, 30s, 10m, 6h or 1d";
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
