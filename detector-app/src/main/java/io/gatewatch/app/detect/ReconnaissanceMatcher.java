package io.gatewatch.app.detect;

import io.gatewatch.app.config.ReconnaissanceConfig;
import io.gatewatch.app.config.ReconnaissanceConfig.Signal;
import io.gatewatch.app.config.ReconnaissanceContent.Match;
import io.gatewatch.app.config.ReconnaissanceContent.Rule;
import io.gatewatch.models.match.AhoCorasick;
import io.gatewatch.schema.ApiEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Classifies one request against the reconnaissance lists: two Aho-Corasick automata (paths, user
 * agents) built once from the content, so each event costs one pass over its target and one over its
 * user agent, however long the lists.
 */
final class ReconnaissanceMatcher {

    /**
     * What one request shows.
     *
     * @param notFound   refused (an error status) on a path that is neither static nor ordinary to miss
     * @param pathProbe  a probe told by the path alone: counted once per distinct path
     * @param extraProbe a probe told by the query or the method: counted once per distinct extraKey
     * @param extraKey   what makes extraProbe distinct (method, path and query)
     * @param extraShown how extraProbe is shown in samples (no full query: it may hold secrets)
     * @param agent      the scanner named by the user agent
     */
    record Verdict(boolean notFound, Signal pathProbe, Signal extraProbe, String extraKey, String extraShown,
            String agent) {

        boolean isEmpty() {
            return !notFound && pathProbe == null && extraProbe == null && agent == null;
        }
    }

    static final Verdict NOTHING = new Verdict(false, null, null, null, null, null);

    private final AhoCorasick paths;
    private final Rule[] pathRules;
    private final AhoCorasick agents;
    private final Rule[] agentRules;
    private final ReconnaissanceConfig config;

    ReconnaissanceMatcher(ReconnaissanceConfig config, List<Rule> rules) {
        this.config = config;
        AhoCorasick.Builder pb = AhoCorasick.builder();
        AhoCorasick.Builder ab = AhoCorasick.builder();
        List<Rule> pr = new ArrayList<>();
        List<Rule> ar = new ArrayList<>();
        for (Rule r : rules) {
            if (r.match() == Match.AGENT) {
                ab.add(r.pattern());
                ar.add(r);
            } else {
                pb.add(r.pattern());
                pr.add(r);
            }
        }
        this.paths = pb.build();
        this.pathRules = pr.toArray(Rule[]::new);
        this.agents = ab.build();
        this.agentRules = ar.toArray(Rule[]::new);
    }

    int pathPatterns() {
        return pathRules.length;
    }

    int agentPatterns() {
        return agentRules.length;
    }

    Verdict classify(ApiEvent e) {
        String path = e.path() == null ? "" : e.path();
        String query = e.query();
        boolean refused = e.status() != null && config.errorStatuses().contains(e.status());
        Scan scan = new Scan(refused);
        scan.run(path, query);
        if (path.indexOf('%') >= 0 || (query != null && query.indexOf('%') >= 0)) {
            scan.run(percentDecoded(path), query == null ? null : percentDecoded(query));
        }
        Signal extra = scan.queryProbe;
        String extraShown = extra == null ? null : path + "?…" + scan.queryFragment + "…";
        String method = e.method();
        if (method != null && !config.allowedMethods().contains(method)
                && (extra == null || config.weight(Signal.ODD_METHOD) > config.weight(extra))) {
            extra = Signal.ODD_METHOD;
            extraShown = method + " " + path;
        }
        String extraKey = extra == null ? null : method + " " + path + (query == null ? "" : "?" + query);
        String agent = e.userAgent() == null ? null : scanner(e.userAgent());
        boolean notFound = refused && !scan.benign && !scan.staticResource;
        if (!notFound && scan.pathProbe == null && extra == null && agent == null) {
            return NOTHING;
        }
        return new Verdict(notFound, scan.pathProbe, extra, extraKey, extraShown, agent);
    }

    /** The first list entry found as a whole word in the user agent, or null. */
    String scanner(String userAgent) {
        String[] found = new String[1];
        agents.scan(userAgent, (id, start, end) -> {
            boolean wordStart = start == 0 || !Character.isLetterOrDigit(userAgent.charAt(start - 1));
            boolean wordEnd = end == userAgent.length() || !Character.isLetterOrDigit(userAgent.charAt(end));
            if (wordStart && wordEnd) {
                found[0] = agentRules[id].pattern();
                return false;
            }
            return true;
        });
        return found[0];
    }

    /** One pass over {@code path?query}, keeping the weightiest probe of each kind of key. */
    private final class Scan {
        private final boolean refused;
        boolean benign;
        boolean staticResource;
        Signal pathProbe;
        Signal queryProbe;
        String queryFragment;

        Scan(boolean refused) {
            this.refused = refused;
        }

        void run(String path, String query) {
            String text = query == null ? path : path + "?" + query;
            int pathEnd = path.length();
            paths.scan(text, (id, start, end) -> {
                Rule r = pathRules[id];
                if ((r.onlyWhenRefused() && !refused) || !placed(r.match(), text, pathEnd, start, end)) {
                    return true;
                }
                switch (r.role()) {
                    case BENIGN -> benign = true;
                    case STATIC -> staticResource = true;
                    case SIGNAL -> {
                        if (end > pathEnd) {
                            if (heavier(r.signal(), queryProbe)) {
                                queryProbe = r.signal();
                                queryFragment = text.substring(Math.max(start, pathEnd + 1), end);
                            }
                        } else if (heavier(r.signal(), pathProbe)) {
                            pathProbe = r.signal();
                        }
                    }
                }
                return true;
            });
        }
    }

    private boolean heavier(Signal candidate, Signal current) {
        return current == null || config.weight(candidate) > config.weight(current);
    }

    private static boolean placed(Match m, String text, int pathEnd, int start, int end) {
        return switch (m) {
            case SUFFIX -> end == pathEnd;
            case PREFIX -> start == 0 && end <= pathEnd;
            case EQUALS -> start == 0 && end == pathEnd;
            case FILE -> end == pathEnd && start > 0 && text.charAt(start - 1) == '/';
            case CONTAINS -> true;
            case QUERY -> start > pathEnd;
            case AGENT -> false;
        };
    }

    /** %XX escapes decoded once, each to the char of that code; malformed escapes are kept as they are. */
    static String percentDecoded(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()
                    && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                if (out == null) {
                    out = new StringBuilder(s.length()).append(s, 0, i);
                }
                out.append((char) (Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16)));
                i += 2;
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }
}
