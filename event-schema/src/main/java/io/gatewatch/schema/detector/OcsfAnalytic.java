package io.gatewatch.schema.detector;

/** OCSF's {@code analytic.type_id}: how a detector decides, as a SIEM should label its findings. */
public enum OcsfAnalytic {
    UNKNOWN(0, "Unknown"),
    RULE(1, "Rule"),
    BEHAVIORAL(2, "Behavioral"),
    STATISTICAL(3, "Statistical"),
    LEARNING(4, "Learning (ML/DL)");

    private final int typeId;
    private final String caption;

    OcsfAnalytic(int typeId, String caption) {
        this.typeId = typeId;
        this.caption = caption;
    }

    public int typeId() {
        return typeId;
    }

    public String caption() {
        return caption;
    }
}
