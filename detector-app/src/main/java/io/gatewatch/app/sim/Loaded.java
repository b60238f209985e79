package io.gatewatch.app.sim;

/** A file read into a value, or the one-line reason it could not be, naming the file and line. */
public sealed interface Loaded<T> permits Loaded.Ok, Loaded.Failed {

    record Ok<T>(T value) implements Loaded<T> {
    }

    /** @param problem e.g. {@code alerts.jsonl:3: not valid JSON: ...} */
    record Failed<T>(String problem) implements Loaded<T> {
    }

    static <T> Loaded<T> failed(String problem) {
        return new Failed<>(problem);
    }
}
