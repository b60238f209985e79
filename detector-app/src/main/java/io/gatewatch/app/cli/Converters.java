package io.gatewatch.app.cli;

import io.gatewatch.app.config.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values with the same grammar and messages as the config file; each message says what is
 * allowed, and {@link Main} prefixes it with the command, the option and the value given.
 */
final class Converters {
    private Converters() {
    }

    /** A duration in the config file's grammar ({@link Durations}), longer than zero. */
    static final class PositiveDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            Duration d = Durations.parse(text);
            if (d == null) {
                throw new TypeConversionException(Durations.problem(text));
            }
            if (d.isZero() || d.isNegative()) {
                throw new TypeConversionException("must be longer than 0");
            }
            return d;
        }
    }

    /** A whole number above zero; {@code _} may group digits, as in 2_000_000. */
    static final class PositiveLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            try {
                long n = Long.parseLong(text.replace("_", ""));
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("must be a whole number above 0");
        }
    }

    /** A whole number above zero that fits an int. */
    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            long n = new PositiveLong().convert(text);
            if (n > Integer.MAX_VALUE) {
                throw new TypeConversionException("must be at most " + Integer.MAX_VALUE);
            }
            return (int) n;
        }
    }

    /** A TCP port, 1 to 65535. */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            long n = new PositiveLong().convert(text);
            if (n > 65_535) {
                throw new TypeConversionException("must be a port from 1 to 65535");
            }
            return (int) n;
        }
    }
}
