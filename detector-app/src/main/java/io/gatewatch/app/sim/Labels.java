package io.gatewatch.app.sim;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * labels.json: what a simulated access log holds, actor by actor, so that a replay's alerts can be
 * scored ({@code detector evaluate}).
 *
 * @param start start of the simulated window (inclusive)
 * @param end   end of the simulated window (exclusive)
 * @param lines lines written to access.log
 */
@JsonPropertyOrder({"schema", "seed", "start", "end", "users", "lines", "actors"})
public record Labels(String schema, long seed, Instant start, Instant end, int users, long lines, List<Label> actors) {
    public static final String SCHEMA = "gatewatch.labels/v1";

    public Labels {
        actors = List.copyOf(actors);
    }
}
