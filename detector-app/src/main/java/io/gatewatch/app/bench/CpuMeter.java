package io.gatewatch.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time, which another process on a shared box steals far less of than wall time: the whole
 * process, or the threads of one Kafka Streams application (stream threads, their producers' network
 * threads, heartbeat), whose names all carry the application id.
 */
final class CpuMeter {
    private CpuMeter() {
    }

    static long processNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** CPU time of the live threads whose names contain the text; call before the threads end. */
    static long threadsNanos(String nameContains) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
            if (info != null && info.getThreadName().contains(nameContains)) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    total += cpu;
                }
            }
        }
        return total;
    }

    /**
     * Heap bytes allocated so far by the live threads whose names contain the text (HotSpot counts
     * them per thread as TLAB refills and direct allocations, cheaply); -1 where the JVM cannot tell.
     */
    static long threadsAllocatedBytes(String nameContains) {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
                || !threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled()) {
            return -1;
        }
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
            if (info != null && info.getThreadName().contains(nameContains)) {
                long bytes = threads.getThreadAllocatedBytes(info.getThreadId());
                if (bytes > 0) {
                    total += bytes;
                }
            }
        }
        return total;
    }
}
