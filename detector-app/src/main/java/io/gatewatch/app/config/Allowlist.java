package io.gatewatch.app.config;

import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.SecretHasher;
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

    static Allowlist read(ConfigNode n) {
        if (!n.isPresent()) {
            return EMPTY;
        }
        n.allowOnly("cidrs", "api_key_hashes", "user_agents", "routes");
        List<Cidr> cidrs = new ArrayList<>();
        List<String> cidrTexts = n.texts("cidrs", List.of());
        for (int i = 0; i < cidrTexts.size(); i++) {
            Cidr c = Cidr.parse(cidrTexts.get(i));
            if (c == null) {
                n.problem("cidrs[" + i + "]", n.json().get("cidrs").get(i),
                        "must be a numeric IPv4 or IPv6 address with an optional /prefix, e.g. 10.0.0.0/8");
            } else {
                cidrs.add(c);
            }
        }
        List<String> keys = n.texts("api_key_hashes", List.of());
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).matches("sha256:[0-9a-f]{16}")) {
                n.problem("api_key_hashes[" + i + "]", n.json().get("api_key_hashes").get(i),
                        "an unkeyed hash from before keyed hashing: recompute it as hmac: (docs/reliability.md)");
            } else if (!SecretHasher.isHash(keys.get(i))) {
                // The value may be a real key pasted by mistake: it is not echoed into logs.
                n.problem("api_key_hashes[" + i + "]",
                        com.fasterxml.jackson.databind.node.TextNode.valueOf("(not shown, " + keys.get(i).length() + " characters)"),
                        "must be a key hash as alerts show it (hmac: and 16 hex digits, keyed with secrets.hash_key), "
                                + "never the key itself");
            }
        }
        List<Pattern> uas = new ArrayList<>();
        List<String> uaTexts = n.texts("user_agents", List.of());
        for (int i = 0; i < uaTexts.size(); i++) {
            try {
                uas.add(Pattern.compile(uaTexts.get(i)));
            } catch (PatternSyntaxException e) {
                n.problem("user_agents[" + i + "]", n.json().get("user_agents").get(i),
                        "not a valid regular expression: " + e.getDescription());
            }
        }
        List<RouteGlob> routes = RouteGlob.readAll(n, "routes");
        return new Allowlist(List.copyOf(cidrs), Set.copyOf(keys), List.copyOf(uas), routes);
    }
}
