package io.gatewatch.models.codec;

/** Stored bytes that cannot be read back: a bug or a format change without a version bump. */
public final class CorruptDataException extends RuntimeException {
    public CorruptDataException(String message) {
        super(message);
    }
}
