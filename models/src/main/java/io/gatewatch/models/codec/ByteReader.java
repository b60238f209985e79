package io.gatewatch.models.codec;

import java.nio.charset.StandardCharsets;

/** Reads what {@link ByteWriter} wrote; a truncated or corrupt buffer raises {@link CorruptDataException}. */
public final class ByteReader {
    private final byte[] buf;
    private int pos;
    private final int end;

    public ByteReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public ByteReader(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    public boolean hasMore() {
        return pos < end;
    }

    public int position() {
        return pos;
    }

    public void skip(int n) {
        need(n);
        pos += n;
    }

    /** The next n bytes, copied. */
    public byte[] readBytes(int n) {
        if (n < 0) {
            throw new CorruptDataException("negative length " + n);
        }
        need(n);
        byte[] b = java.util.Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    public int readByte() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    public long readVarLong() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new CorruptDataException("varint longer than 10 bytes at " + pos);
    }

    public long readSignedVarLong() {
        long v = readVarLong();
        return (v >>> 1) ^ -(v & 1);
    }

    public int readVarInt() {
        long v = readVarLong();
        if (v > 0xFFFFFFFFL) {
            throw new CorruptDataException("varint out of int range at " + pos);
        }
        return (int) v;
    }

    public double readDouble() {
        need(8);
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits |= (long) (buf[pos++] & 0xFF) << (8 * i);
        }
        return Double.longBitsToDouble(bits);
    }

    public float readFloat() {
        need(4);
        int bits = 0;
        for (int i = 0; i < 4; i++) {
            bits |= (buf[pos++] & 0xFF) << (8 * i);
        }
        return Float.intBitsToFloat(bits);
    }

    public String readString() {
        int lenPlusOne = readVarInt();
        if (lenPlusOne == 0) {
            return null;
        }
        int len = lenPlusOne - 1;
        need(len);
        String s = new String(buf, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    public int readShort() {
        need(2);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    private void need(int n) {
        if (n < 0 || pos + n > end) {
            throw new CorruptDataException("truncated: need " + n + " bytes at " + pos + ", have " + (end - pos));
        }
    }
}
