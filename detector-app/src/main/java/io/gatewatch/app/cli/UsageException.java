package io.gatewatch.app.cli;

/** The command line is wrong: printed with the usage, exit code 2. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
