package io.gatewatch.schema.parse;

import io.gatewatch.schema.ApiEvent;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** TEMPORARY STUB. */
final class StubCombined {
    static final Pattern P = Pattern.compile("^(\\S+) \\S+ (\\S+) \\[([^\\]]+)\\] \"(\\S+) (\\S+) [^\"]*\" (\\d{3}) (\\d+|-)(?: \"[^\"]*\" \"([^\"]*)\")?.*$");
    static final DateTimeFormatter F = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
    static ParseResult parse(String line) {
        Matcher m = P.matcher(line);
        if (!m.matches()) return ParseResult.rejected("nginx: not a combined log line");
        String target = m.group(5);
        int q = target.indexOf('?');
        return ParseResult.of(ApiEvent.builder().ts(ZonedDateTime.parse(m.group(3), F).toInstant()).gateway("nginx")
            .clientIp(m.group(1)).user(m.group(2).equals("-") ? null : m.group(2)).method(m.group(4))
            .path(q < 0 ? target : target.substring(0, q)).query(q < 0 ? null : target.substring(q + 1))
            .status(Integer.parseInt(m.group(6))).userAgent(m.group(8)).build());
    }
}
