package io.gatewatch.app.config;

import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import io.gatewatch.schema.config.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Traffic the analysts vouch for: events matching any entry are not counted by the detectors the
 * list applies to. API keys are given by their hash, as alerts show them, never in clear.
 */
public record Allowlist(List<Cidr> cidrs, Set<String> apiKeyHashes, List<Pattern> userAgents, List<RouteGlob> routes) {

    public static final Allowlist EMPTY = new Allowlist(List.of(), Set.of(), List.of(), List.of());

    public boolean isEmpty() {
        return cidrs.isEmpty() && apiKeyHashes.isEmpty() && userAgents.isEmpty() && routes.isEmpty();
    }

    public boolean allows(ApiEvent e, byte[] clientAddress) {
        if (isEmpty()) {
            return false;
        }
        if (e.apiKeyHash() != null && apiKeyHashes.contains(e.apiKeyHash())) {
            return true;
        }
        for (Cidr c : cidrs) {
            if (c.contains(clientAddress)) {
                return true;
            }
        }
        if (e.userAgent() != null) {
            for (Pattern p : userAgents) {
                if (p.matcher(e.userAgent()).find()) {
                    return true;
                }
            }
        }
        String route = e.route() != null ? e.route() : e.path();
        if (route != null) {
            for (RouteGlob g : routes) {
                if (g.matches(route)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Another list's entries added to this one's: a detector's own list extends the global one. */
    public Allowlist plus(Allowlist other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        List<Cidr> c = new ArrayList<>(cidrs);
        c.addAll(other.cidrs);
        Set<String> k = new java.util.HashSet<>(apiKeyHashes);
        k.addAll(other.apiKeyHashes);
        List<Pattern> u = new ArrayList<>(userAgents);
        u.addAll(other.userAgents);
        List<RouteGlob> r = new ArrayList<>(routes);
        r.addAll(other.routes);
        return new Allowlist(List.copyOf(c), Set.copyOf(k), List.copyOf(u), List.copyOf(r));
    }

    static final ConfigKey<List<String>> CIDRS = ConfigKey.texts("cidrs", List.<String>of())
            .check(Validator.each(Validator.<String>satisfies(t -> Cidr.parse(t) != null, "not an address range",
                    "numeric IPv4 or IPv6 addresses with an optional /prefix, e.g. 10.0.0.0/8")))
            .reloadable().doc("client address ranges");
    // The value may be a real key pasted by mistake: it is never echoed into logs.
    static final ConfigKey<List<String>> API_KEY_HASHES = ConfigKey.texts("api_key_hashes", List.<String>of())
            .check(Validator.each(Validator.matches("sha256:[0-9a-f]{16}", "not a key hash",
                    "key hashes as alerts show them (sha256: and 16 hex digits), never the key itself")))
            .hidden().reloadable().doc("API keys, by the hash alerts show");
    static final ConfigKey<List<String>> USER_AGENTS = ConfigKey.texts("user_agents", List.<String>of())
            .check(Validator.each(Validator.<String>satisfies(Allowlist::compiles, "not a valid regular expression",
                    "Java regular expressions, found anywhere in the user agent")))
            .reloadable().doc("user agents, as regular expressions, e.g. ^kube-probe/");
    static final ConfigKey<List<String>> ROUTES = RouteGlob.listKey("routes", List.of())
            .reloadable().doc("route patterns, e.g. /healthz");
    /** The keys of an {@code allowlist:} block, global or a detector's own. */
    public static final ConfigDef KEYS = ConfigDef.of(CIDRS, API_KEY_HASHES, USER_AGENTS, ROUTES);

    static Allowlist read(ConfigNode n) {
        if (!n.isPresent()) {
            return EMPTY;
        }
        n.allowOnly(KEYS);
        List<Cidr> cidrs = n.get(CIDRS).stream().map(Cidr::parse).toList();
        Set<String> keys = Set.copyOf(n.get(API_KEY_HASHES));
        List<Pattern> uas = n.get(USER_AGENTS).stream().map(Pattern::compile).toList();
        List<RouteGlob> routes = n.get(ROUTES).stream().map(RouteGlob::parse).toList();
        return new Allowlist(cidrs, keys, uas, routes);
    }

    private static boolean compiles(String regex) {
        try {
            Pattern.compile(regex);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
