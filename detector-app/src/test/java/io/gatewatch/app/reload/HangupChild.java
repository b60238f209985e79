package io.gatewatch.app.reload;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;

/**
 * The child JVM of {@link HangupSignalTest}: a reloader with SIGHUP as its only trigger. Prints
 * {@code ready PID}, then {@code reloaded OUTCOME GENERATION} at each SIGHUP; exits when its stdin closes.
 */
public final class HangupChild {
    private HangupChild() {
    }

    public static void main(String[] args) throws Exception {
        ConfigReloader reloader = Reloaders.open(Path.of(args[0]), new SimpleMeterRegistry(), Map.of());
        boolean caught = HangupSignal.onHangup(() -> {
            ReloadOutcome o = reloader.reload("SIGHUP");
            System.out.println("reloaded " + o.name() + " " + o.generation());
            System.out.flush();
        });
        System.out.println(caught ? "ready " + ProcessHandle.current().pid() : "uncatchable");
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the parent closes stdin
        }
    }
}
