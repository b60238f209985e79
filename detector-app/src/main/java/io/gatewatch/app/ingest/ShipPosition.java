package io.gatewatch.app.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What {@code ingest} persists between runs, in a small text file: the file being shipped (its identity),
 * the end offset of the last line the broker acknowledged with every line before it, and from which
 * offset of each partition of the raw topic lines sent after that may be found (so a restart after a
 * crash can tell what already arrived).
 *
 * @param position  the file and the offset to resume at
 * @param scanFrom  per partition of the raw topic, the first offset that may hold a line past {@code position}
 */
public record ShipPosition(FileFollower.Position position, Map<Integer, Long> scanFrom) {
    public ShipPosition {
        scanFrom = Map.copyOf(scanFrom);
    }

    /** The saved position, or empty when the file does not exist or cannot be read as one. */
    public static Optional<ShipPosition> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            Map<Integer, Long> scan = new TreeMap<>();
            String partitions = p.getProperty("scan_from", "");
            for (String part : partitions.split(",")) {
                if (!part.isBlank()) {
                    String[] kv = part.split(":");
                    scan.put(Integer.parseInt(kv[0].trim()), Long.parseLong(kv[1].trim()));
                }
            }
            return Optional.of(new ShipPosition(new FileFollower.Position(p.getProperty("file"),
                    Long.parseLong(p.getProperty("offset"))), scan));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes atomically (a temporary file moved over the old one), so a crash leaves the old or the new. */
    public void write(Path file) {
        String text = "# gatewatch ingest: where the last line the broker acknowledged (with all before it) ends\n"
                + "file=" + escape(position.file()) + "\n"
                + "offset=" + position.offset() + "\n"
                + "scan_from=" + new TreeMap<>(scanFrom).entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                        .collect(Collectors.joining(",")) + "\n";
        try {
            Path parent = file.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the position file " + file, e);
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("=", "\\=").replace(":", "\\:");
    }
}
