package io.gatewatch.app.cli;

/**
 * The command line is wrong in a way only the command can tell (an unknown format, options that exclude
 * each other): one line and a pointer to {@code --help}, exit code 2.
 */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
