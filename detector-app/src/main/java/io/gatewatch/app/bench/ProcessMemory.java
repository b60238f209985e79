package io.gatewatch.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident memory from {@code /proc/self/status}: VmRSS now and VmHWM, the peak since
 * the process began. Both -1 where there is no procfs.
 */
record ProcessMemory(long rssBytes, long peakRssBytes) {

    static ProcessMemory now() {
        try {
            long rss = -1;
            long hwm = -1;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kiloBytes(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kiloBytes(line);
                }
            }
            return new ProcessMemory(rss, hwm);
        } catch (IOException | RuntimeException e) {
            return new ProcessMemory(-1, -1);
        }
    }

    private static long kiloBytes(String line) {
        String[] parts = line.trim().split("\\s+");
        return Long.parseLong(parts[1]) * 1024;
    }
}
