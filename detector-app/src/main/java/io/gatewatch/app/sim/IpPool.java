package io.gatewatch.app.sim;

import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Hands out client addresses, each at most once per run, so every address belongs to one actor and
 * labels never overlap. Random addresses avoid private, reserved and documentation ranges and the
 * blocks that fixed actors use (documentation ranges for attackers and partners, 10/8 for probes,
 * 66/8 for the crawler).
 */
final class IpPool {
    private static final int[] FIRST_OCTETS = {
            2, 5, 24, 31, 37, 41, 46, 49, 58, 62, 71, 73, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90,
            91, 92, 93, 94, 95, 96, 97, 98, 99, 101, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115,
            116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 151, 154, 175, 176, 177, 178, 179, 180, 181, 182, 183,
            185, 186, 187, 188, 189, 190, 191, 193, 194, 195, 196, 197, 200, 201, 212, 213, 217, 220, 221, 222};
    private final RandomGenerator random;
    private final Set<String> used = new HashSet<>();

    IpPool(RandomGenerator random) {
        this.random = random;
    }

    String fresh() {
        while (true) {
            String ip = FIRST_OCTETS[random.nextInt(FIRST_OCTETS.length)] + "." + random.nextInt(256) + "."
                    + random.nextInt(256) + "." + (1 + random.nextInt(254));
            if (used.add(ip)) {
                return ip;
            }
        }
    }

    /** A fixed address; a second claim is a bug in the simulation plan. */
    String claim(String ip) {
        if (!used.add(ip)) {
            throw new IllegalStateException("address " + ip + " is already used by another actor");
        }
        return ip;
    }
}
