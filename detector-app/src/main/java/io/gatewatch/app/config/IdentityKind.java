package io.gatewatch.app.config;

/** What a client is counted as, tried in the configured order until one is present in the event. */
public enum IdentityKind {
    API_KEY("key"), USER("user"), IP("ip");

    private final String prefix;

    IdentityKind(String prefix) {
        this.prefix = prefix;
    }

    /** Keys carry their kind, so {@code user:alice} and {@code ip:alice} never collide. */
    public String prefix() {
        return prefix;
    }
}
