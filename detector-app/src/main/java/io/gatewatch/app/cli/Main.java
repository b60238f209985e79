package io.gatewatch.app.cli;

import io.gatewatch.app.config.ConfigException;
import io.gatewatch.schema.parse.Parsers;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The {@code detector} command line. Exit codes: 0 done, 1 failed while running, 2 bad usage or config.
 * {@link #run} returns the code instead of exiting, so tests run the real entry point in-process.
 */
public final class Main {
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.in, System.out, System.err));
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) {
        return run(argv, System.in, out, err);
    }

    static int run(List<String> argv, InputStream in, PrintStream out, PrintStream err) {
        Parsers parsers = Parsers.standard();
        CommandLine cli = new CommandLine(new GatewatchCommand(err));
        cli.addSubcommand("help", new CommandLine.HelpCommand());
        cli.addSubcommand(new DemoCommand(parsers, out, err));
        cli.addSubcommand(new ReplayCommand(parsers, out, err));
        cli.addSubcommand(new WhatIfCommand(parsers, out, err));
        cli.addSubcommand(new IngestCommand(parsers, in, err));
        cli.addSubcommand(new RunCommand(parsers, err));
        cli.addSubcommand(new AlertingCommand(parsers, out, err));
        cli.addSubcommand(new BenchCommand(parsers, out, err));
        cli.addSubcommand(new ValidateConfigCommand(parsers, out, err));
        cli.addSubcommand(new SimulateCommand(err));
        cli.addSubcommand(new EvaluateCommand(out, err));
        cli.addSubcommand(new TrainCommand(parsers, err));
        cli.addSubcommand(new InspectCommand(out, err, System.getenv()));
        cli.addSubcommand(new CompletionCommand());
        cli.getCommandSpec().usageMessage().footer(GatewatchCommand.footer(parsers));
        return execute(cli, argv, out, err);
    }

    /** One command on its own with the same error handling, for tests that hand it its collaborators. */
    static int runCommand(Object command, List<String> argv, PrintStream out, PrintStream err) {
        return execute(new CommandLine(command), argv, out, err);
    }

    private static int execute(CommandLine cli, List<String> argv, PrintStream out, PrintStream err) {
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, args) -> usageError(e.getCommandLine(), describe(e), err));
        cli.setExecutionExceptionHandler((e, command, parsed) -> failure(e, command, parsed, err));
        return cli.execute(argv.toArray(String[]::new));
    }

    private static int failure(Exception e, CommandLine command, ParseResult parsed, PrintStream err) {
        return switch (e) {
            case ConfigException c -> {
                // every problem, one per line, before anything started
                c.problems().forEach(err::println);
                yield USAGE;
            }
            case UsageException u -> usageError(command, u.getMessage(), err);
            default -> {
                err.println("detector " + command.getCommandName() + ": " + e.getMessage());
                yield FAILED;
            }
        };
    }

    /** One line saying what is wrong, one saying where the help is. */
    private static int usageError(CommandLine command, String message, PrintStream err) {
        err.println("detector: " + message);
        err.println("Try '" + qualifiedName(command) + " --help' for more information.");
        return USAGE;
    }

    private static String qualifiedName(CommandLine command) {
        CommandLine root = command;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return root == command ? "detector" : "detector " + command.getCommandName();
    }

    /** picocli's message rephrased as {@code command: option = value: what is allowed}. */
    private static String describe(ParameterException e) {
        CommandLine command = e.getCommandLine();
        String prefix = command.getParent() == null ? "" : command.getCommandName() + ": ";
        return prefix + switch (e) {
            case CommandLine.MissingParameterException m -> m.getMissing().stream()
                    .map(Main::name).map(n -> n + " is required").collect(Collectors.joining("; "));
            case CommandLine.UnmatchedArgumentException u -> unmatched(u, command.getParent() == null);
            default -> e.getCause() instanceof CommandLine.TypeConversionException t && e.getArgSpec() != null
                    ? name(e.getArgSpec()) + " = " + e.getValue() + ": " + t.getMessage()
                    : e.getMessage();
        };
    }

    private static String unmatched(CommandLine.UnmatchedArgumentException u, boolean root) {
        String arg = u.getUnmatched().isEmpty() ? "" : u.getUnmatched().getFirst();
        String what = arg.startsWith("-") && !arg.equals("-") ? "unknown option '" + arg + "'"
                : root ? "unknown command '" + arg + "'" : "unexpected argument '" + arg + "'";
        CommandLine c = u.getCommandLine();
        List<String> near = arg.isEmpty() ? List.of() : Nearest.to(arg, arg.startsWith("-")
                ? c.getCommandSpec().optionsMap().keySet() : c.getSubcommands().keySet());
        if (near.isEmpty()) {
            near = u.getSuggestions();
        }
        return near.isEmpty() ? what : what + "; did you mean " + String.join(" or ", near.stream().limit(3).toList()) + "?";
    }

    private static String name(ArgSpec spec) {
        return spec instanceof OptionSpec o ? o.longestName() : spec.paramLabel();
    }
}
