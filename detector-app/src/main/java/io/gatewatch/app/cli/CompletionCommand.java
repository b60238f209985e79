package io.gatewatch.app.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code completion bash}: a completion script for every command and option, generated from the command line itself. */
@Command(name = "completion", description = {"Prints a shell completion script.",
    "bash: source <(./detector completion bash), or save it in /etc/bash_completion.d/detector"})
final class CompletionCommand implements Callable<Integer> {
    enum Shell { bash }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "the shell: ${COMPLETION-CANDIDATES}")
    Shell shell;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("detector", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
