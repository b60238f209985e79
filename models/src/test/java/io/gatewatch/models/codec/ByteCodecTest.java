package io.gatewatch.models.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ByteCodecTest {

    @Test
    void shouldRoundTripEveryPrimitive() {
        ByteWriter w = new ByteWriter(1);
        w.writeVarLong(Long.MAX_VALUE);
        w.writeSignedVarLong(-3);
        w.writeVarInt(-1);
        w.writeDouble(Math.PI);
        w.writeFloat(1.5f);
        w.writeString("é/api/v1");
        w.writeString(null);
        ByteReader r = new ByteReader(w.toByteArray());
        assertEquals(Long.MAX_VALUE, r.readVarLong());
        assertEquals(-3, r.readSignedVarLong());
        assertEquals(-1, r.readVarInt());
        assertEquals(Math.PI, r.readDouble());
        assertEquals(1.5f, r.readFloat());
        assertEquals("é/api/v1", r.readString());
        assertNull(r.readString());
    }

    @Test
    void shouldRejectTruncatedInputWithAReason() {
        ByteWriter w = new ByteWriter(1);
        w.writeString("hello");
        byte[] cut = java.util.Arrays.copyOf(w.toByteArray(), 3);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> new ByteReader(cut).readString());
        assertEquals("truncated: need 5 bytes at 1, have 2", e.getMessage());
    }
}
