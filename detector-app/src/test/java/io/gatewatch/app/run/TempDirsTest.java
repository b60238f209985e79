package io.gatewatch.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TempDirsTest {
    @Test
    void shouldRemoveAnOwnedTemporaryFolderWhenTheRunDiesOfAnError() {
        Path[] dir = new Path[1];
        assertThrows(OutOfMemoryError.class, () -> {
            try (TempDirs.Owned owned = TempDirs.owned("gatewatch-test-state")) {
                dir[0] = owned.path();
                Files.writeString(Files.createDirectories(dir[0].resolve("task-0")).resolve("store.sst"), "state");
                throw new OutOfMemoryError("simulated, as a replay out of heap");
            }
        });
        assertEquals(false, Files.exists(dir[0]));
    }
}
