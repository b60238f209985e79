package io.gatewatch.alerting.config;

import io.gatewatch.schema.Redact;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A value read from an environment variable named in the config. Its {@code toString} names the variable,
 * never the value, so a config record printed in a log or an exception cannot leak it.
 */
public record Secret(String variable, String value) {
    public Secret {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(value, "value");
    }

    /** Parts of a secret URL shorter than this are common words ({@code services}, {@code hooks}), not secret. */
    private static final int MIN_PART = 8;

    /**
     * Replaces every occurrence of the secret in {@code text}, and of each part of it a receiver may echo
     * on its own (a URL's password, path segments, query values, also percent-encoded), then masks anything
     * else that looks like a credential ({@link Redact#text}); for reasons built from replies and library
     * exceptions.
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = value.isEmpty() ? text : text.replace(value, toString());
        for (String part : parts()) {
            out = out.replace(part, Redact.MASK);
            String encoded = URLEncoder.encode(part, StandardCharsets.UTF_8);
            if (!encoded.equals(part)) {
                out = out.replace(encoded, Redact.MASK);
            }
        }
        return Redact.text(out);
    }

    private List<String> parts() {
        List<String> parts = new ArrayList<>();
        for (String p : value.split("[/?&=@:#;]")) {
            if (p.length() >= MIN_PART && !p.contains(".")) {
                parts.add(p);
            }
        }
        return parts;
    }

    @Override
    public String toString() {
        return "${" + variable + "}";
    }
}
