package org.mediarelay.control.ng;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bencode (BEP 3), the encoding of rtpengine's ng protocol.
 *
 * <pre>
 *   string     &lt;length&gt;:&lt;bytes&gt;        4:ping
 *   integer    i&lt;decimal&gt;e             i42e   (no leading zeros, no -0)
 *   list       l&lt;values&gt;e              l4:spame
 *   dictionary d&lt;string&gt;&lt;value&gt;...e    d7:command4:pinge
 * </pre>
 *
 * Decoded values are {@code byte[]} (strings, kept as bytes: an SDP must pass byte-exact), {@code Long}, {@code List}
 * and {@code Map<String, Object>} (keys decoded as ISO-8859-1, one char per byte, in input order). Encoding also takes
 * {@code String} (written as UTF-8) and {@code Integer}, and writes dictionary keys sorted as BEP 3 requires.
 */
public final class Bencode {

    /** Nesting depth beyond which input is refused: ng messages nest 3 deep; this stops stack exhaustion. */
    static final int MAX_DEPTH = 32;

    private final byte[] in;
    private int pos;

    private Bencode(byte[] in, int offset) {
        this.in = in;
        this.pos = offset;
    }

    /** Decodes exactly one value filling {@code data[offset..]}; trailing bytes are an error. */
    public static Object decode(byte[] data, int offset) {
        Bencode d = new Bencode(data, offset);
        Object v = d.value(0);
        if (d.pos != data.length) {
            throw new BencodeException("trailing data after the value at offset " + d.pos);
        }
        return v;
    }

    /**
     * The end (exclusive) of the one value that starts at {@code data[offset]}, for stream framing (ng over TCP):
     * -1 when the data ends before the value does. Bytes after the value are not looked at.
     *
     * @throws BencodeException when the bytes cannot begin a valid value
     */
    public static int valueEnd(byte[] data, int offset) {
        Bencode d = new Bencode(data, offset);
        try {
            d.value(0);
            return d.pos;
        } catch (BencodeException e) {
            if (e.truncated()) {
                return -1;
            }
            throw e;
        }
    }

    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        write(value, out);
        return out.toByteArray();
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new BencodeException("nesting deeper than " + MAX_DEPTH + " at offset " + pos);
        }
        if (pos >= in.length) {
            throw BencodeException.truncated("expected a value at offset " + pos);
        }
        byte b = in[pos];
        if (b == 'd') {
            pos++;
            Map<String, Object> map = new LinkedHashMap<>();
            while (peek() != 'e') {
                if (peek() < '0' || peek() > '9') {
                    throw new BencodeException("expected a string key at offset " + pos);
                }
                String key = new String(string(), StandardCharsets.ISO_8859_1);
                if (map.put(key, value(depth + 1)) != null) {
                    throw new BencodeException("duplicate key '" + key + "' before offset " + pos);
                }
            }
            pos++;
            return map;
        }
        if (b == 'l') {
            pos++;
            List<Object> list = new ArrayList<>();
            while (peek() != 'e') {
                list.add(value(depth + 1));
            }
            pos++;
            return list;
        }
        if (b == 'i') {
            pos++;
            return integer('e');
        }
        if (b >= '0' && b <= '9') {
            return string();
        }
        throw new BencodeException("unexpected '" + printable(b) + "' at offset " + pos
                + " (expected a string, i, l or d)");
    }

    private byte[] string() {
        int start = pos;
        long length = integer(':'); // never negative: a string starts with a digit
        if (length > in.length - pos) {
            throw BencodeException.truncated("string of " + length + " bytes at offset " + start
                    + " runs past the end");
        }
        byte[] s = Arrays.copyOfRange(in, pos, pos + (int) length);
        pos += (int) length;
        return s;
    }

    /** Digits up to {@code terminator}, consumed. */
    private long integer(char terminator) {
        int start = pos;
        boolean negative = pos < in.length && in[pos] == '-';
        if (negative) {
            pos++;
        }
        int digitsStart = pos;
        long v = 0;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            if (pos - digitsStart >= 18) {
                throw new BencodeException("number too long at offset " + start);
            }
            v = v * 10 + (in[pos] - '0');
            pos++;
        }
        int digits = pos - digitsStart;
        if (pos >= in.length) {
            throw BencodeException.truncated("expected '" + terminator + "' at offset " + pos);
        }
        if (in[pos] != terminator || digits == 0) {
            throw new BencodeException("invalid number at offset " + start + " (expected digits then '"
                    + terminator + "')");
        }
        if ((digits > 1 && in[digitsStart] == '0') || (negative && v == 0)) {
            throw new BencodeException("invalid number at offset " + start + " (leading zero or -0)");
        }
        pos++;
        return negative ? -v : v;
    }

    private byte peek() {
        if (pos >= in.length) {
            throw BencodeException.truncated("expected 'e' at offset " + pos);
        }
        return in[pos];
    }

    private static String printable(byte b) {
        return b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff);
    }

    private static void write(Object v, ByteArrayOutputStream out) {
        if (v instanceof byte[] bytes) {
            writeString(bytes, out);
        } else if (v instanceof String s) {
            writeString(s.getBytes(StandardCharsets.UTF_8), out);
        } else if (v instanceof Long || v instanceof Integer) {
            out.writeBytes(("i" + v + "e").getBytes(StandardCharsets.US_ASCII));
        } else if (v instanceof List<?> list) {
            out.write('l');
            list.forEach(x -> write(x, out));
            out.write('e');
        } else if (v instanceof Map<?, ?> map) {
            out.write('d');
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, x) -> sorted.put((String) k, x));
            sorted.forEach((k, x) -> {
                writeString(k.getBytes(StandardCharsets.ISO_8859_1), out);
                write(x, out);
            });
            out.write('e');
        } else {
            throw new IllegalArgumentException("cannot bencode " + (v == null ? "null" : v.getClass().getName()));
        }
    }

    private static void writeString(byte[] s, ByteArrayOutputStream out) {
        out.writeBytes((s.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(s);
    }
}
