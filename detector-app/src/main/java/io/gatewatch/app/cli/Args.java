package io.gatewatch.app.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.gatewatch.app.config.Durations;

/**
 * {@code --name value} and {@code --flag} options of one subcommand, and up to a given number of operands
 * (arguments that are not options, such as a file name or {@code -}); anything else is a usage error.
 */
final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final List<String> operands = new ArrayList<>();
    private final String command;

    private Args(String command) {
        this.command = command;
    }

    /**
     * @param valued options that take a value
     * @param flags  options that do not
     */
    static Args parse(String command, List<String> args, Set<String> valued, Set<String> flags) throws UsageException {
        return parse(command, args, valued, flags, 0);
    }

    /** @param maxOperands how many arguments that are not options the command takes */
    static Args parse(String command, List<String> args, Set<String> valued, Set<String> flags, int maxOperands)
            throws UsageException {
        Args a = new Args(command);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            if (valued.contains(name)) {
                if (inline == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(command + ": " + name + " needs a value");
                    }
                    inline = args.get(++i);
                }
                a.values.put(name, inline);
            } else if (flags.contains(name) && inline == null) {
                a.values.put(name, "true");
            } else if ((arg.equals("-") || !arg.startsWith("-")) && a.operands.size() < maxOperands) {
                a.operands.add(arg);
            } else if (arg.equals("-") || !arg.startsWith("-")) {
                throw new UsageException(command + ": unexpected argument '" + arg + "'");
            } else {
                throw new UsageException(command + ": unknown option '" + arg + "'");
            }
        }
        return a;
    }

    List<String> operands() {
        return List.copyOf(operands);
    }

    String get(String name) {
        return values.get(name);
    }

    String get(String name, String def) {
        return values.getOrDefault(name, def);
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    String required(String name) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            throw new UsageException(command + ": " + name + " is required");
        }
        return v;
    }

    long positiveLong(String name, long def) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return def;
        }
        try {
            long n = Long.parseLong(v.replace("_", ""));
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": " + name + " = " + v + ": must be a whole number above 0");
        }
    }

    Duration duration(String name, Duration def) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return def;
        }
        Duration d = Durations.parse(v);
        if (d == null) {
            throw new UsageException(command + ": " + name + " = " + v + ": " + Durations.problem(v));
        }
        if (d.isZero()) {
            throw new UsageException(command + ": " + name + " = " + v + ": must be longer than 0s");
        }
        return d;
    }
}
