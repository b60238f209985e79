package io.gatewatch.app.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldGiveLinesAsTheirBytesWhateverTheirEncoding() throws IOException {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes(bytes("first\r\n"));
        in.writeBytes(new byte[] {'a', (byte) 0xFF, (byte) 0xC3, 'b', '\n'});
        in.writeBytes(bytes("no newline at the end"));
        LineReader r = new LineReader(new ByteArrayInputStream(in.toByteArray()), 100, 10);

        assertArrayEquals(bytes("first"), assertInstanceOf(LineReader.Text.class, r.next()).bytes());
        assertArrayEquals(new byte[] {'a', (byte) 0xFF, (byte) 0xC3, 'b'}, assertInstanceOf(LineReader.Text.class, r.next()).bytes());
        assertArrayEquals(bytes("no newline at the end"), assertInstanceOf(LineReader.Text.class, r.next()).bytes());
        assertNull(r.next());
    }

    @Test
    void shouldGiveTheLengthAndFirstBytesOfALineOverTheCapAndGoOn() throws IOException {
        byte[] huge = new byte[5 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'x');
        huge[0] = 'H';
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes(huge);
        in.writeBytes(bytes("\nafter\n"));
        LineReader r = new LineReader(new ByteArrayInputStream(in.toByteArray()), 1000, 16);

        LineReader.Oversized o = assertInstanceOf(LineReader.Oversized.class, r.next());
        assertEquals(huge.length, o.length());
        assertArrayEquals(Arrays.copyOf(huge, 16), o.head());
        assertArrayEquals(bytes("after"), assertInstanceOf(LineReader.Text.class, r.next()).bytes());
        assertNull(r.next());
    }

    @Test
    void shouldKeepALineOfExactlyTheCapWhole() throws IOException {
        byte[] line = new byte[1000];
        Arrays.fill(line, (byte) 'y');
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes(line);
        in.write('\n');
        LineReader r = new LineReader(new ByteArrayInputStream(in.toByteArray()), 1000, 16);

        assertArrayEquals(line, assertInstanceOf(LineReader.Text.class, r.next()).bytes());
    }
}
