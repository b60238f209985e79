package io.gatewatch.app.config;

import java.util.List;

/** The configuration has problems; each is one line {@code file: key = value: reason}. */
public final class ConfigException extends Exception {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
