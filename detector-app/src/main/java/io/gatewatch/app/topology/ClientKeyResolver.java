package io.gatewatch.app.topology;

import io.gatewatch.app.config.IdentityKind;
import io.gatewatch.schema.ApiEvent;
import java.util.List;

/**
 * The key a client is counted under: the first identity in the configured order that the event has.
 * On a 401 or 403 the API key and user are what the client claimed, not who it is (the gateway refused
 * them): counting under them would let an attacker who rotates keys or user names look like many
 * clients, so such events count under the address.
 */
public final class ClientKeyResolver {
    private final IdentityKind[] order;

    public ClientKeyResolver(List<IdentityKind> order) {
        this.order = order.toArray(IdentityKind[]::new);
    }

    public String keyOf(ApiEvent e) {
        boolean refused = e.status() != null && (e.status() == 401 || e.status() == 403);
        for (IdentityKind kind : order) {
            if (refused && kind != IdentityKind.IP) {
                continue;
            }
            String value = switch (kind) {
                case API_KEY -> e.apiKeyHash();
                case USER -> e.user();
                case IP -> e.clientIp();
            };
            if (value != null && !value.isEmpty()) {
                return kind.prefix() + ':' + value;
            }
        }
        return "unknown";
    }
}
