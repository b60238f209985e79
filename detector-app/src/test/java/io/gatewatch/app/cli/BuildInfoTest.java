package io.gatewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class BuildInfoTest {
    private static String commit(String value) {
        Properties p = new Properties();
        if (value != null) {
            p.setProperty("commit", value);
        }
        return BuildInfo.commit(p);
    }

    @Test
    void shouldShowTheCommitAndWhetherTheBuildHadUncommittedChanges() {
        assertEquals("60696f35a6", commit("60696f35a6"));
        assertEquals("60696f35a6 (modified)", commit("60696f35a6-modified"));
    }

    @Test
    void shouldSayUnknownForABuildOutsideAGitCheckout() {
        assertEquals("unknown", commit("unknown"));
        assertEquals("unknown", commit(null));
        assertEquals("unknown", commit("fatal: not a git repository"));
    }
}
