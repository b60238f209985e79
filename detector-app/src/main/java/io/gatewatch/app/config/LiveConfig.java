package io.gatewatch.app.config;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The running configuration and its generation: 1 at start, one more for each reload applied. Stream
 * threads read it once per record (one volatile read) and rebuild what they derive from it only when the
 * generation moved, so a reload takes effect at the next record of every task, with no lock and no
 * restart. Only a config that changes live keys alone is ever published here ({@code ConfigReloader}).
 */
public final class LiveConfig {
    /** One published config. */
    public record Generation(long number, GatewatchConfig config) {
        public Generation {
            Objects.requireNonNull(config, "config");
        }
    }

    private final AtomicReference<Generation> current;

    public LiveConfig(GatewatchConfig initial) {
        this.current = new AtomicReference<>(new Generation(1, initial));
    }

    /** A config that never changes: replay, bench and tests that do not reload. */
    public static LiveConfig fixed(GatewatchConfig config) {
        return new LiveConfig(config);
    }

    public Generation current() {
        return current.get();
    }

    public GatewatchConfig config() {
        return current.get().config();
    }

    /** Makes {@code next} the running config; returns its generation. */
    public synchronized long publish(GatewatchConfig next) {
        Generation g = new Generation(current.get().number() + 1, next);
        current.set(g);
        return g.number();
    }

    /** Something derived from the config (a detection engine), rebuilt when the generation moves. */
    public <T> Tracked<T> track(Function<GatewatchConfig, T> derive) {
        return new Tracked<>(this, derive);
    }

    /**
     * One holder per processor instance (stream tasks are single-threaded, so no sharing): {@link #refresh}
     * at the start of each record, then {@link #get}.
     */
    public static final class Tracked<T> {
        private final LiveConfig live;
        private final Function<GatewatchConfig, T> derive;
        private long seen;
        private T value;

        private Tracked(LiveConfig live, Function<GatewatchConfig, T> derive) {
            this.live = live;
            this.derive = derive;
            Generation g = live.current();
            this.seen = g.number();
            this.value = derive.apply(g.config());
        }

        /** Rebuilds the value if a new config was published since; true when it did. */
        public boolean refresh() {
            Generation g = live.current();
            if (g.number() == seen) {
                return false;
            }
            value = derive.apply(g.config());
            seen = g.number();
            return true;
        }

        public T get() {
            return value;
        }

        /** The generation {@link #get} was derived from. */
        public long generation() {
            return seen;
        }
    }
}
