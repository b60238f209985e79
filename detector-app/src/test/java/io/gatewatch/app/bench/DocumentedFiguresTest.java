package io.gatewatch.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gatewatch.app.deploy.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The measured figures of docs/performance.md and docs/capacity.md name the commit they were measured
 * on and the command, so that a figure nobody re-measured after the code changed cannot pass as current.
 */
class DocumentedFiguresTest {
    private static final List<String> DOCS = List.of("docs/performance.md", "docs/capacity.md");

    @Test
    void shouldFindTheCommitAndTheCommandInEverySectionOfThePerformanceDocsThatHoldsAFigure() throws IOException {
        Path root = RepoFiles.root();
        assumeTrue(root != null, "not run inside the checkout");
        List<String> problems = new ArrayList<>();
        for (String doc : DOCS) {
            for (DocumentedFigures.Unsourced u : DocumentedFigures.unsourced(Files.readString(root.resolve(doc)))) {
                problems.add(doc + ": " + u);
            }
        }
        assertEquals(List.of(), problems);
    }

    /** A made-up or mistyped commit is as bad as none: each one quoted must exist in the repository. */
    @Test
    void shouldNameOnlyCommitsThatExistInTheRepository() throws Exception {
        Path root = RepoFiles.root();
        assumeTrue(root != null && Files.exists(root.resolve(".git")), "not run inside a git checkout");
        assumeTrue(!"true".equals(git(root, "rev-parse", "--is-shallow-repository").trim()), "a shallow clone lacks history");
        List<String> missing = new ArrayList<>();
        for (String doc : DOCS) {
            for (String commit : DocumentedFigures.commits(Files.readString(root.resolve(doc)))) {
                if (git(root, "cat-file", "-t", commit).isBlank()) {
                    missing.add(doc + ": " + commit);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void shouldRefuseATableOfFiguresWithoutItsCommit() {
        String doc = """
                # Title

                ## Results

                | run | events/s |
                |---|---|
                | 1 | 23,510 ev/s |
                """;
        List<DocumentedFigures.Unsourced> found = DocumentedFigures.unsourced(doc);
        assertEquals(1, found.size(), found.toString());
        assertEquals("Results", found.getFirst().section());
    }

    @Test
    void shouldRefuseAFigureWhoseCommitIsGivenWithoutTheCommand() {
        String doc = "## Memory\n\nmeasured on b08fbeb: 217 B per client on disk.\n";
        assertTrue(DocumentedFigures.unsourced(doc).getFirst().reason().contains("command"));
    }

    @Test
    void shouldRefuseAFigureMeasuredOnUncommittedCode() {
        String doc = "## Speed\n\nmeasured on b08fbeb+uncommitted with `./detector bench`: 23,510 ev/s.\n";
        assertTrue(DocumentedFigures.unsourced(doc).getFirst().reason().contains("uncommitted"));
    }

    @Test
    void shouldAcceptSettingsMarkedAsNotMeasuredButNotAnEmptyExcuse() {
        String settings = "## Fail-over\n\n<!-- not measured: Kafka's defaults -->\nThe session timeout is 45 s.\n";
        assertEquals(List.of(), DocumentedFigures.unsourced(settings));
        String empty = "## Fail-over\n\n<!-- not measured: -->\nThe session timeout is 45 s.\n";
        assertEquals(1, DocumentedFigures.unsourced(empty).size());
    }

    @Test
    void shouldAcceptSectionsThatSourceTheirFiguresOrHoldNone() {
        String doc = """
                # Performance

                How it is measured, with no figure at all.

                ## Results

                Measured on b08fbeb with `./detector bench --events 300000`:

                | run | events/s | p99 |
                |---|---|---|
                | 1 | 23,510 ev/s | 439 ms |

                ```
                bench: events=300000 full_eps=23510
                ```
                """;
        assertEquals(List.of(), DocumentedFigures.unsourced(doc));
        assertEquals(List.of("b08fbeb"), DocumentedFigures.commits(doc));
    }

    private static String git(Path root, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "git " + String.join(" ", args) + " did not finish");
        return out;
    }
}
