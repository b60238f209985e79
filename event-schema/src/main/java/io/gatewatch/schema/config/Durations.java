package io.gatewatch.schema.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of Gatewatch, for the config file and the command line alike: one or more
 * {@code <number><unit>} parts, largest unit first ({@code 250ms}, {@code 90s}, {@code 5m}, {@code 1h30m},
 * {@code 2d}), or ISO-8601 ({@code PT90S}). A bare number is refused: {@code 90} could mean seconds or
 * minutes, and a wrong guess silently changes a window by a factor of sixty.
 */
public final class Durations {
    /** What a problem message shows as the accepted forms. */
    public static final String EXAMPLES = "90s, 5m, 1h30m or PT90S";
    /** For JSON Schema: the short form or ISO-8601, as {@link #parse} accepts them. */
    public static final String SCHEMA_PATTERN = "^\\s*(?:(?=\\d)(?:\\d+\\s*d\\s*)?(?:\\d+\\s*h\\s*)?(?:\\d+\\s*m(?!s)\\s*)?"
            + "(?:\\d+\\s*s\\s*)?(?:\\d+\\s*ms\\s*)?|[Pp]\\S+\\s*)$";

    private static final Pattern SHORT = Pattern.compile(
            "(?:(\\d{1,12})\\s*d\\s*)?(?:(\\d{1,12})\\s*h\\s*)?(?:(\\d{1,12})\\s*m(?!s)\\s*)?(?:(\\d{1,12})\\s*s\\s*)?"
                    + "(?:(\\d{1,12})\\s*ms)?");
    private static final Pattern BARE_NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");
    private static final long[] UNIT_MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};

    private Durations() {
    }

    /** The duration, or empty when {@link #problem} has something to say about the text. */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            return shortForm(m);
        }
        if (t.charAt(0) == 'P' || t.charAt(0) == 'p') {
            try {
                Duration d = Duration.parse(t);
                return d.isNegative() ? Optional.empty() : Optional.of(d);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Why the text is not a duration (without the text itself), or null when it is one. The command line
     * prints {@code text + ": " + problem}; the config loader puts it after {@code key = value:}.
     */
    public static String problem(String text) {
        if (parse(text).isPresent()) {
            return null;
        }
        String t = text == null ? "" : text.trim();
        if (BARE_NUMBER.matcher(t).matches()) {
            return "a duration needs a unit, e.g. " + EXAMPLES;
        }
        if (t.startsWith("-")) {
            return "a duration cannot be negative";
        }
        return "not a duration; write e.g. 250ms, " + EXAMPLES.replace(" or ", ", ") + " or 2d";
    }

    /** For callers that fail fast, such as command-line options. */
    public static Duration parseOrThrow(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException(text + ": " + problem(text)));
    }

    /** The short form used in docs, messages and evidence: one unit, the largest that divides it. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s != 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    private static Optional<Duration> shortForm(Matcher m) {
        long total = 0;
        boolean any = false;
        try {
            for (int g = 1; g <= 5; g++) {
                String n = m.group(g);
                if (n != null) {
                    any = true;
                    total = Math.addExact(total, Math.multiplyExact(Long.parseLong(n), UNIT_MILLIS[g - 1]));
                }
            }
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
        return any ? Optional.of(Duration.ofMillis(total)) : Optional.empty();
    }

}
