package io.gatewatch.app.topology;

import io.gatewatch.app.config.IdentityKind;
import io.gatewatch.schema.ApiEvent;
import java.util.List;

/** The key a client is counted under: the first identity in the configured order that the event has. */
public final class ClientKeyResolver {
    private final IdentityKind[] order;

    public ClientKeyResolver(List<IdentityKind> order) {
        this.order = order.toArray(IdentityKind[]::new);
    }

    public String keyOf(ApiEvent e) {
        for (IdentityKind kind : order) {
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
