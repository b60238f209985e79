package io.gatewatch.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.gatewatch.app.config.SecretsConfig;
import io.gatewatch.schema.SecretHasher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashKeysTest {
    private static final String CONFIG_KEY = "config-key-0123456789abcdef";
    private static final String ENV_KEY = "environment-key-0123456789abcdef";

    @TempDir
    Path dir;

    private final List<String> notes = new ArrayList<>();

    @Test
    void shouldPreferTheConfigKeyThenTheEnvironment() {
        Path file = dir.resolve(SecretsConfig.KEY_FILE_NAME);
        Map<String, String> env = Map.of(SecretsConfig.ENV, ENV_KEY);

        assertEquals(SecretHasher.of(CONFIG_KEY).hash("k"),
                HashKeys.resolve(new SecretsConfig(CONFIG_KEY, file), env, notes::add).hash("k"));
        assertEquals(SecretHasher.of(ENV_KEY).hash("k"),
                HashKeys.resolve(new SecretsConfig(null, file), env, notes::add).hash("k"));
        assertFalse(Files.exists(file), "no file is written when a key is given");
        assertEquals(List.of(), notes);
    }

    @Test
    void shouldGenerateAKeyFileReadableByTheOwnerOnlyOnceAndReuseIt() throws Exception {
        Path file = dir.resolve(SecretsConfig.KEY_FILE_NAME);
        SecretsConfig secrets = new SecretsConfig(null, file);

        String first = HashKeys.resolve(secrets, Map.of(), notes::add).hash("k");
        String second = HashKeys.resolve(secrets, Map.of(), notes::add).hash("k");

        assertEquals(first, second, "the generated key is kept and reused");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(1, notes.size(), "logged once: " + notes);
        String key = Files.readString(file).strip();
        assertEquals(64, key.length());
        assertFalse(notes.getFirst().contains(key), "the note never shows the key");
        assertTrue(notes.getFirst().contains(file.toString()));
    }

    @Test
    void shouldKeepTheGeneratedKeyInTheStateDirectoryWhenTheConfigFolderIsReadOnly() throws Exception {
        Path configDir = Files.createDirectories(dir.resolve("etc"));
        Path state = Files.createDirectories(dir.resolve("state"));
        Files.setPosixFilePermissions(configDir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(configDir), "running as root: every folder is writable");
            SecretsConfig secrets = new SecretsConfig(null, configDir.resolve(SecretsConfig.KEY_FILE_NAME));
            String first = HashKeys.resolve(secrets, Map.of(), state, notes::add).hash("k");

            assertTrue(Files.exists(state.resolve(SecretsConfig.KEY_FILE_NAME)));
            assertEquals(first, HashKeys.resolve(secrets, Map.of(), state, notes::add).hash("k"));
        } finally {
            Files.setPosixFilePermissions(configDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void shouldUseARandomKeyForOneRunWithoutAConfigFile() {
        String a = HashKeys.resolve(SecretsConfig.NONE, Map.of(), notes::add).hash("k");
        String b = HashKeys.resolve(SecretsConfig.NONE, Map.of(), notes::add).hash("k");

        assertNotEquals(a, b);
        assertEquals(2, notes.size());
    }

    @Test
    void shouldRefuseAShortKeyInTheEnvironmentWithoutShowingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HashKeys.resolve(SecretsConfig.NONE, Map.of(SecretsConfig.ENV, "hunter2"), notes::add));

        assertEquals("GATEWATCH_HASH_KEY = (not shown, 7 characters): must be at least 16 characters", e.getMessage());
    }
}
