package io.gatewatch.schema;

import io.gatewatch.schema.parse.SecretShapes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes text safe to log: what a log line, metric, exception message or config problem may say about a
 * URL, a header or a receiver's reply. {@link #url} keeps scheme, host, port and the ordinary path
 * segments of a URL, and replaces its {@code user:password@}, every query value and every segment that
 * looks like a token with {@value #MASK}; {@link #text} does that to every URL inside free text and masks
 * Authorization-style headers, credential-named parameters and credential-shaped words. Stateless.
 */
public final class Redact {
    public static final String MASK = "***";

    private static final Pattern URL = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]{1,15}://[^\\s\"'<>`]+");
    private static final Pattern SCHEME_AUTH = Pattern.compile(
            "(?i)\\b(bearer|basic|digest|token|apikey|api-key)(\\s+)[A-Za-z0-9._~+/=:-]{4,}");
    private static final Pattern HEADER = Pattern.compile(
            "(?i)\\b(authorization|proxy-authorization|x-api-key|api-key|apikey|cookie|set-cookie|x-auth-token)(\\s*[:=]\\s*)[^\\s,;&\"']+");
    private static final Pattern PARAM = Pattern.compile("([A-Za-z0-9_.%\\[\\]-]{1,64})=([^\\s&;,\"'<>]+)");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.+/=~-]{16,}");
    /** Path segments of this length or more, made of letters and digits, are tokens in a URL (e.g. a Slack webhook). */
    private static final int URL_TOKEN_LENGTH = 16;

    private Redact() {
    }

    /** The URL with credentials, query values and token-like path segments masked; null for null. */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        int scheme = url.indexOf("://");
        int authorityStart = scheme < 0 ? 0 : scheme + 3;
        int pathStart = authorityStart;
        while (pathStart < url.length() && "/?#".indexOf(url.charAt(pathStart)) < 0) {
            pathStart++;
        }
        StringBuilder out = new StringBuilder(url.length());
        String authority = url.substring(authorityStart, pathStart);
        int at = authority.lastIndexOf('@');
        out.append(url, 0, authorityStart).append(at < 0 ? authority : MASK + "@" + authority.substring(at + 1));
        int queryStart = url.indexOf('?', pathStart);
        int fragment = url.indexOf('#', pathStart);
        int pathEnd = queryStart >= 0 ? queryStart : fragment >= 0 ? fragment : url.length();
        String[] segments = url.substring(pathStart, pathEnd).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(isToken(segments[i]) ? MASK : segments[i]);
        }
        if (queryStart >= 0) {
            int queryEnd = fragment > queryStart ? fragment : url.length();
            out.append('?').append(maskAllValues(url.substring(queryStart + 1, queryEnd)));
        }
        if (fragment >= 0) {
            out.append('#').append(MASK);
        }
        return out.toString();
    }

    /** Free text with every URL passed through {@link #url} and credentials in headers, parameters and words masked. */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        StringBuilder urls = new StringBuilder(text.length());
        Matcher m = URL.matcher(text);
        while (m.find()) {
            m.appendReplacement(urls, Matcher.quoteReplacement(url(m.group())));
        }
        m.appendTail(urls);
        String out = SCHEME_AUTH.matcher(urls).replaceAll("$1$2" + MASK);
        out = HEADER.matcher(out).replaceAll("$1$2" + MASK);
        StringBuilder params = new StringBuilder(out.length());
        Matcher p = PARAM.matcher(out);
        while (p.find()) {
            boolean secret = SecretShapes.isSecretName(p.group(1)) || SecretShapes.isSecretValue(p.group(2));
            p.appendReplacement(params, Matcher.quoteReplacement(secret && !p.group(2).equals(MASK)
                    ? p.group(1) + "=" + MASK : p.group()));
        }
        p.appendTail(params);
        StringBuilder words = new StringBuilder(params.length());
        Matcher w = WORD.matcher(params);
        while (w.find()) {
            w.appendReplacement(words, Matcher.quoteReplacement(SecretShapes.isSecretSegment(w.group()) ? MASK : w.group()));
        }
        w.appendTail(words);
        return words.toString();
    }

    private static boolean isToken(String segment) {
        if (segment.length() < URL_TOKEN_LENGTH) {
            return SecretShapes.isSecretSegment(segment);
        }
        boolean letter = false;
        boolean digitOrUpper = false;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c >= 'a' && c <= 'z') {
                letter = true;
            } else if (c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
                digitOrUpper = true;
            } else if ("-_.~%+=".indexOf(c) < 0) {
                return false;
            }
        }
        return letter && digitOrUpper || SecretShapes.isSecretSegment(segment);
    }

    private static String maskAllValues(String query) {
        StringBuilder out = new StringBuilder(query.length());
        String[] params = query.split("&", -1);
        for (int i = 0; i < params.length; i++) {
            if (i > 0) {
                out.append('&');
            }
            int eq = params[i].indexOf('=');
            out.append(eq < 0 ? (params[i].isEmpty() ? "" : MASK) : params[i].substring(0, eq + 1) + MASK);
        }
        return out.toString();
    }
}
