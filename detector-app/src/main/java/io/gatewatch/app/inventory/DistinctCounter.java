package io.gatewatch.app.inventory;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;

/**
 * Distinct clients of a route: a HyperLogLog of 2^10 one-byte registers (about 3 % error, any count),
 * merged across partitions by taking each register's maximum. Serialised sparse (index and value of the
 * registers set) while few are, so a route with a handful of clients costs a few bytes.
 */
final class DistinctCounter {
    static final int P = 10;
    static final int M = 1 << P;
    private static final double ALPHA = 0.7213 / (1 + 1.079 / M);
    private final byte[] registers = new byte[M];

    void add(long hash) {
        int index = (int) (hash >>> (64 - P));
        int rank = Long.numberOfLeadingZeros((hash << P) | (1L << (P - 1))) + 1;
        if (rank > registers[index]) {
            registers[index] = (byte) rank;
        }
    }

    void merge(DistinctCounter other) {
        for (int i = 0; i < M; i++) {
            registers[i] = (byte) Math.max(registers[i], other.registers[i]);
        }
    }

    long estimate() {
        double sum = 0;
        int zeros = 0;
        for (byte r : registers) {
            sum += Math.scalb(1.0, -r);
            if (r == 0) {
                zeros++;
            }
        }
        double raw = ALPHA * M * M / sum;
        // Flajolet's small-range correction: linear counting while registers are still mostly empty.
        if (raw <= 2.5 * M && zeros > 0) {
            return Math.round(M * Math.log((double) M / zeros));
        }
        return Math.round(raw);
    }

    void writeTo(ByteWriter out) {
        int set = 0;
        for (byte r : registers) {
            if (r != 0) {
                set++;
            }
        }
        out.writeVarInt(set);
        if (set * 3 < M) {
            for (int i = 0; i < M; i++) {
                if (registers[i] != 0) {
                    out.writeVarInt(i);
                    out.writeByte(registers[i]);
                }
            }
        } else {
            out.writeBytes(registers, 0, M);
        }
    }

    void readFrom(ByteReader in) {
        int set = in.readVarInt();
        if (set * 3 < M) {
            for (int s = 0; s < set; s++) {
                registers[in.readVarInt()] = (byte) in.readByte();
            }
        } else {
            for (int i = 0; i < M; i++) {
                registers[i] = (byte) in.readByte();
            }
        }
    }
}
