package io.gatewatch.app.run;

import io.gatewatch.app.config.SecretsConfig;
import io.gatewatch.schema.SecretHasher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which key the deployment hashes credentials under, first found wins: {@code secrets.hash_key} in the
 * config, the {@value SecretsConfig#ENV} environment variable, the key file next to the config file
 * (generated with a random 256-bit key and mode 0600 on first start; in the state directory when the
 * config's folder is read-only), or, without a config file, a random key for this run only. The key
 * itself is never logged.
 */
public final class HashKeys {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private HashKeys() {
    }

    /**
     * @param env  the process environment ({@code System.getenv()} in production)
     * @param note receives one line when a key is generated or is for this run only
     */
    public static SecretHasher resolve(SecretsConfig secrets, Map<String, String> env, Consumer<String> note) {
        return resolve(secrets, env, null, note);
    }

    /**
     * As {@link #resolve(SecretsConfig, Map, Consumer)}; when the folder of the config file is read-only
     * (a mounted config), the key file is kept in {@code fallbackDir} instead (the state directory of
     * {@code run}), if given.
     */
    public static SecretHasher resolve(SecretsConfig secrets, Map<String, String> env, Path fallbackDir,
            Consumer<String> note) {
        if (secrets.hashKey() != null) {
            return SecretHasher.of(secrets.hashKey());
        }
        String fromEnv = env.get(SecretsConfig.ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            if (fromEnv.getBytes(StandardCharsets.UTF_8).length < SecretHasher.MIN_KEY_BYTES) {
                throw new IllegalArgumentException(SecretsConfig.ENV + " = (not shown, " + fromEnv.length()
                        + " characters): must be at least " + SecretHasher.MIN_KEY_BYTES + " characters");
            }
            return SecretHasher.of(fromEnv);
        }
        if (secrets.keyFile() == null) {
            note.accept("no secrets.hash_key, " + SecretsConfig.ENV + " or config file: credentials are hashed "
                    + "under a random key for this run only");
            return SecretHasher.random();
        }
        Path file = secrets.keyFile();
        if (fallbackDir != null && !Files.exists(file) && !Files.isWritable(file.toAbsolutePath().getParent())) {
            file = fallbackDir.resolve(SecretsConfig.KEY_FILE_NAME);
        }
        return SecretHasher.of(readOrCreate(file, note));
    }

    private static String readOrCreate(Path file, Consumer<String> note) {
        try {
            if (!Files.exists(file)) {
                String key = HexFormat.of().formatHex(randomBytes());
                try {
                    create(file, key);
                    note.accept("generated a credential hash key in " + file + " (mode 0600); set secrets.hash_key or "
                            + SecretsConfig.ENV + " to the same value on every instance that shares the topics");
                    return key;
                } catch (FileAlreadyExistsException raced) {
                    // another instance created it between the check and now: use theirs
                }
            }
            String key = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (key.getBytes(StandardCharsets.UTF_8).length < SecretHasher.MIN_KEY_BYTES) {
                throw new IllegalStateException(file + ": the hash key must be at least " + SecretHasher.MIN_KEY_BYTES
                        + " characters; delete the file to generate a new one (hashes will change)");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the hash key file " + file
                    + "; set secrets.hash_key or " + SecretsConfig.ENV + " instead", e);
        }
    }

    private static void create(Path file, String key) throws IOException {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static byte[] randomBytes() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
