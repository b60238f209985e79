package io.gatewatch.schema.parse;

import io.gatewatch.schema.SecretHasher;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.schema.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The log formats Gatewatch reads, by the name used in config, on the CLI and in the {@code format}
 * record header. Immutable; {@link #with(LogParser)} makes a copy with one more (or a replaced) format,
 * e.g. a {@code json} parser with a field mapping from config.
 */
public final class Parsers {
    private final Map<String, LogParser> byName;

    private Parsers(Map<String, LogParser> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /**
     * Every built-in format, trusting no X-Forwarded-For header, hashing credentials under a random key of
     * its own: for listing the format names and for tests. Production passes the deployment's key to
     * {@link #standard(boolean, SecretHasher)}, so that hashes are stable across instances and restarts.
     */
    public static Parsers standard() {
        return standard(false, SecretHasher.random());
    }

    /** Every built-in format, trusting no X-Forwarded-For header. */
    public static Parsers standard(SecretHasher hasher) {
        return standard(false, hasher);
    }

    /**
     * Every built-in format: {@code nginx} and {@code apache} (combined/common), {@code nginx-json},
     * {@code kong}, {@code envoy}, {@code aws-apigw}, {@code traefik}, {@code json} (ApiEvent's own
     * field names; register a {@link GenericJsonLogParser} with a mapping for others) and {@code auto},
     * which detects the format per record. Combined lines that {@code auto} cannot attribute get gateway
     * {@code nginx}. All JSON parsers share one ObjectMapper.
     *
     * @param trustForwardedFor take the client IP from X-Forwarded-For where a format logs it (Envoy,
     *                          Traefik, NGINX JSON): only when a trusted proxy in front overwrites it
     * @param hasher            the deployment's keyed hash: every credential a parser finds leaves it hashed
     */
    public static Parsers standard(boolean trustForwardedFor, SecretHasher hasher) {
        ObjectMapper mapper = Json.newMapper();
        CombinedLogParser nginx = CombinedLogParser.nginx(hasher);
        KongLogParser kong = new KongLogParser(mapper, hasher);
        EnvoyLogParser envoy = new EnvoyLogParser(mapper, trustForwardedFor, hasher);
        AwsApiGatewayLogParser aws = new AwsApiGatewayLogParser(mapper, hasher);
        TraefikLogParser traefik = new TraefikLogParser(mapper, trustForwardedFor, hasher);
        NginxJsonLogParser nginxJson = new NginxJsonLogParser(mapper, trustForwardedFor, hasher);
        GenericJsonLogParser json = GenericJsonLogParser.apiEventNames(mapper, hasher);

        Map<String, LogParser> parsers = new LinkedHashMap<>();
        for (LogParser p : List.of(nginx, CombinedLogParser.apache(hasher), nginxJson, kong, envoy, aws, traefik, json)) {
            parsers.put(p.format(), p);
        }
        // Most specific keys first: Kong's request object, AWS's requestId, Traefik's and Envoy's names.
        List<JsonFormat> jsonFormats = List.of(kong, aws, traefik, envoy, nginxJson, json);
        parsers.put(AutoParser.NAME, new AutoParser(mapper, nginx, envoy, traefik, jsonFormats));
        return new Parsers(parsers);
    }

    /** The parser for a format name; names are case-sensitive and lower-case. */
    public LogParser forName(String name) {
        LogParser parser = name == null ? null : byName.get(name);
        if (parser == null) {
            throw new IllegalArgumentException("unknown log format '" + name + "'; allowed: " + String.join(", ", byName.keySet()));
        }
        return parser;
    }

    /** The registered format names, in registration order. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** A registry with {@code parser} added under its {@link LogParser#format()}, replacing any of that name. */
    public Parsers with(LogParser parser) {
        Map<String, LogParser> copy = new LinkedHashMap<>(byName);
        copy.put(parser.format(), parser);
        return new Parsers(copy);
    }
}
