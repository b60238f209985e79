package io.gatewatch.app.reload;

import java.util.List;

/** What one reload did; {@code generation} is the running config's generation afterwards. */
public sealed interface ReloadOutcome {
    long generation();

    /** The file holds the running config (perhaps with other comments or spellings). */
    record Unchanged(long generation) implements ReloadOutcome {
    }

    /** Every change was to a live key: the new config runs. */
    record Applied(long generation, List<ConfigDiff.Change> changes) implements ReloadOutcome {
    }

    /** Some change needs a restart: nothing applied, the running config stays. {@code reasons} name each key. */
    record Refused(long generation, List<String> reasons, List<ConfigDiff.Change> changes) implements ReloadOutcome {
    }

    /** The file does not validate (or cannot be read): the running config stays. */
    record Invalid(long generation, List<String> problems) implements ReloadOutcome {
    }

    /** The outcome's name in logs, metrics and the API's answer. */
    default String name() {
        return switch (this) {
            case Unchanged u -> "unchanged";
            case Applied a -> "applied";
            case Refused r -> "refused";
            case Invalid i -> "invalid";
        };
    }
}
