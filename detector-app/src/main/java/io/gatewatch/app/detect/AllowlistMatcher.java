package io.gatewatch.app.detect;

import io.gatewatch.app.config.Allowlist;
import io.gatewatch.schema.ApiEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link Allowlist#allows} with its user-agent verdicts remembered. The user-agent patterns are
 * regular expressions run on every event for every detector (the default data-harvesting list is one
 * case-insensitive alternation: 7 % of the stream thread in bench), while a gateway sees few distinct
 * user agents. Not thread-safe: one per detection engine, that is per stream task.
 */
final class AllowlistMatcher {
    /** Distinct user agents remembered; past it the memo starts over, so a flood of unique agents costs memory once. */
    static final int MAX_REMEMBERED = 4_096;
    private final Allowlist list;
    private final Allowlist withoutAgents;
    private final Map<String, Boolean> agentVerdicts = new HashMap<>();

    AllowlistMatcher(Allowlist list) {
        this.list = list;
        this.withoutAgents = new Allowlist(list.cidrs(), list.apiKeyHashes(), java.util.List.of(), list.routes());
    }

    boolean allows(ApiEvent e, byte[] clientAddress) {
        if (list.userAgents().isEmpty() || e.userAgent() == null) {
            return list.allows(e, clientAddress);
        }
        return withoutAgents.allows(e, clientAddress) || agentAllowed(e.userAgent());
    }

    boolean hasCidrs() {
        return !list.cidrs().isEmpty();
    }

    private boolean agentAllowed(String agent) {
        Boolean known = agentVerdicts.get(agent);
        if (known != null) {
            return known;
        }
        boolean allowed = list.userAgents().stream().anyMatch(p -> p.matcher(agent).find());
        if (agentVerdicts.size() >= MAX_REMEMBERED) {
            agentVerdicts.clear();
        }
        agentVerdicts.put(agent, allowed);
        return allowed;
    }
}
