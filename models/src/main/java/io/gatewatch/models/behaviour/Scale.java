package io.gatewatch.models.behaviour;

/** The time scales a client's behaviour is summarised over, each a tumbling event-time window. */
public enum Scale {
    MINUTE("1m", "1 min", 60_000L),
    TEN_MINUTES("10m", "10 min", 600_000L),
    HOUR("1h", "1 h", 3_600_000L);

    private final String tag;
    private final String label;
    private final long millis;

    Scale(String tag, String label, long millis) {
        this.tag = tag;
        this.label = label;
        this.millis = millis;
    }

    /** Short name used in feature names and model files ({@code 10m}). */
    public String tag() {
        return tag;
    }

    /** For people ({@code 10 min}). */
    public String label() {
        return label;
    }

    public long millis() {
        return millis;
    }
}
