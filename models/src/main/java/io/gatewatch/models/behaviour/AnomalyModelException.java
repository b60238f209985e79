package io.gatewatch.models.behaviour;

/** A model file that cannot be used (missing, not a model, stale format or features), with the reason. */
public final class AnomalyModelException extends Exception {
    public AnomalyModelException(String message) {
        super(message);
    }

    public AnomalyModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
