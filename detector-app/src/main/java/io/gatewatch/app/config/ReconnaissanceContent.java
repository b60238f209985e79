package io.gatewatch.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.app.config.ReconnaissanceConfig.Signal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reconnaissance detector's built-in lists (resources under {@code content/reconnaissance/},
 * described by its {@code lists.tsv}): read once, immutable, shared. A missing or malformed list is a
 * packaging bug and fails the start.
 */
public final class ReconnaissanceContent {
    static final String ROOT = "/content/reconnaissance/";

    /** How an entry is compared with a request (see lists.tsv). */
    public enum Match { SUFFIX, PREFIX, EQUALS, FILE, CONTAINS, QUERY, AGENT }

    /** What a matching entry means: a weighted signal, or a path whose not-found answer is ordinary. */
    public enum Role { SIGNAL, BENIGN, STATIC }

    /**
     * One list entry.
     *
     * @param signal          the signal it feeds; null unless role is SIGNAL
     * @param onlyWhenRefused counts only when the response status is one of the error statuses
     * @param source          the list it came from, for explanations
     */
    public record Rule(String pattern, Role role, Signal signal, Match match, boolean onlyWhenRefused, String source) {

        /** Identity for overriding and ignoring: the same text under the same match is the same entry. */
        String identity() {
            return match + " " + pattern.toLowerCase(Locale.ROOT);
        }
    }

    private final List<Rule> rules;
    private final int skipped;

    private ReconnaissanceContent(List<Rule> rules, int skipped) {
        this.rules = List.copyOf(rules);
        this.skipped = skipped;
    }

    private static final class Holder {
        static final ReconnaissanceContent BUILT_IN = load();
    }

    public static ReconnaissanceContent builtIn() {
        return Holder.BUILT_IN;
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Entries the engine cannot express (regular expressions other than a plain prefix). */
    public int skipped() {
        return skipped;
    }

    /** Whether a path-list entry (not a user agent) with this text exists, ignoring case. */
    boolean hasPathEntry(String pattern) {
        return rules.stream().anyMatch(r -> r.match() != Match.AGENT && r.pattern().equalsIgnoreCase(pattern));
    }

    boolean hasAgentEntry(String pattern) {
        return rules.stream().anyMatch(r -> r.match() == Match.AGENT && r.pattern().equalsIgnoreCase(pattern));
    }

    private static ReconnaissanceContent load() {
        Map<String, Rule> byIdentity = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        int skipped = 0;
        for (String row : lines("lists.tsv")) {
            String[] cols = row.trim().split("\\s+");
            if (cols.length != 4) {
                throw new IllegalStateException("lists.tsv: expected 4 columns: " + row);
            }
            String file = cols[0];
            Role role = switch (cols[1]) {
                case "benign" -> Role.BENIGN;
                case "static" -> Role.STATIC;
                default -> Role.SIGNAL;
            };
            Signal signal = role == Role.SIGNAL ? Signal.byName(cols[1]) : null;
            if (role == Role.SIGNAL && (signal == null || signal == Signal.NOT_FOUND || signal == Signal.ODD_METHOD)) {
                throw new IllegalStateException("lists.tsv: no list-fed signal " + cols[1]);
            }
            Match match = Match.valueOf(cols[2].toUpperCase(Locale.ROOT));
            boolean refusedOnly = switch (cols[3]) {
                case "any" -> false;
                case "error" -> true;
                default -> throw new IllegalStateException("lists.tsv: statuses must be any or error: " + row);
            };
            for (String entry : lines(file)) {
                Rule rule;
                if (file.endsWith(".json")) {
                    rule = jsonRule(json, entry, role, signal, match, refusedOnly, file);
                    if (rule == null) {
                        skipped++;
                        continue;
                    }
                } else {
                    rule = new Rule(entry, role, signal, match, refusedOnly, file);
                }
                byIdentity.remove(rule.identity());
                byIdentity.put(rule.identity(), rule);
            }
        }
        return new ReconnaissanceContent(new ArrayList<>(byIdentity.values()), skipped);
    }

    private static Rule jsonRule(ObjectMapper json, String line, Role role, Signal signal, Match match, boolean refusedOnly, String file) {
        JsonNode n;
        try {
            n = json.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": not a JSON object: " + line, e);
        }
        String pattern = n.has("pattern") ? n.get("pattern").asText() : n.path("uri").asText("");
        String type = n.path("type").asText("");
        Match m = switch (type) {
            case "equals" -> Match.EQUALS;
            case "contains" -> Match.CONTAINS;
            case "" -> match;
            case "regex" -> pattern.matches("\\^[A-Za-z0-9/._-]+") ? Match.PREFIX : null;
            default -> null;
        };
        if (m == null || pattern.isEmpty()) {
            return null;
        }
        String literal = m == Match.PREFIX && pattern.startsWith("^") ? pattern.substring(1) : pattern;
        return new Rule(literal, role, signal, m, refusedOnly, file);
    }

    /** The file's entries: blank lines and lines starting with # are skipped; trailing spaces are kept
     * (the XSS list has "<p "). */
    private static List<String> lines(String file) {
        String path = ROOT + file;
        List<String> out = new ArrayList<>();
        try (InputStream in = ReconnaissanceContent.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing detection content " + path);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String entry = line.replace("\r", "");
                if (entry.isBlank() || entry.startsWith("#")) {
                    continue;
                }
                out.add(entry.replace("\\ ", " "));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read detection content " + path, e);
        }
        return out;
    }
}
