package io.gatewatch.schema.parse;

/**
 * The CRI (containerd, CRI-O) log line wrapper Kubernetes nodes write around container output:
 * {@code 2025-12-31T17:37:40.493035218+01:00 stdout F <message>}. {@code F} marks a full line,
 * {@code P} a partial one that the runtime split because it was too long.
 */
final class Cri {
    /** Returned by {@link #messageStart} for a line that is not CRI-wrapped. */
    static final int NOT_CRI = -1;
    /** Returned by {@link #messageStart} for a partial line, which alone is no complete record. */
    static final int PARTIAL = -2;

    private Cri() {
    }

    static int messageStart(String s) {
        int n = s.length();
        if (!SyslogPrefix.isIsoDate(s, 0, n)) {
            return NOT_CRI;
        }
        int timeEnd = Text.tokenEnd(s, 0, n);
        int stream = timeEnd + 1;
        int streamEnd = Text.tokenEnd(s, Math.min(stream, n), n);
        boolean known = s.startsWith("stdout ", stream) || s.startsWith("stderr ", stream);
        if (timeEnd >= n || !known || streamEnd + 2 > n) {
            return NOT_CRI;
        }
        char tag = s.charAt(streamEnd + 1);
        boolean tagAlone = streamEnd + 2 == n || s.charAt(streamEnd + 2) == ' ';
        if (!tagAlone || (tag != 'F' && tag != 'P')) {
            return NOT_CRI;
        }
        if (tag == 'P') {
            return PARTIAL;
        }
        return Math.min(streamEnd + 3, n);
    }
}
