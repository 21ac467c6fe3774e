package org.mediarelay.accounting.sink.radius;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * RADIUS accounting packets (RFC 2866): an Accounting-Request's bytes with its Request Authenticator, and the check
 * of an Accounting-Response against the request it answers. Pure; no I/O.
 */
public final class RadiusPacket {

    static final int ACCOUNTING_REQUEST = 4;
    static final int ACCOUNTING_RESPONSE = 5;
    private static final int HEADER = 20;
    private static final int MAX_LENGTH = 4096;

    /** One attribute: its type (1-255) and value octets (at most 253). */
    public record Attribute(int type, byte[] value) {
        public Attribute {
            if (type < 1 || type > 255) {
                throw new IllegalArgumentException("attribute type " + type + " is not 1-255");
            }
            Objects.requireNonNull(value);
            if (value.length > 253) {
                throw new IllegalArgumentException("attribute " + type + " longer than 253 octets");
            }
        }

        /** A text attribute, cut to 253 octets of UTF-8 at a character boundary. */
        public static Attribute text(int type, String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            int n = Math.min(b.length, 253);
            while (n < b.length && n > 0 && (b[n] & 0xC0) == 0x80) {
                n--;
            }
            return new Attribute(type, Arrays.copyOf(b, n));
        }

        /** A 32-bit unsigned integer attribute; values beyond 32 bits are clamped (callers split octets first). */
        public static Attribute integer(int type, long v) {
            long x = Math.max(0, Math.min(v, 0xFFFF_FFFFL));
            return new Attribute(type, new byte[] {(byte) (x >>> 24), (byte) (x >>> 16), (byte) (x >>> 8), (byte) x});
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Attribute a && a.type == type && Arrays.equals(a.value, value);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return type + "=" + new String(value, StandardCharsets.UTF_8);
        }
    }

    private RadiusPacket() {
    }

    /**
     * An Accounting-Request: code 4, the identifier, the length, the Request Authenticator
     * MD5(code | identifier | length | 16 zero octets | attributes | secret), then the attributes.
     */
    public static byte[] accountingRequest(int identifier, List<Attribute> attributes, byte[] secret) {
        ByteArrayOutputStream attrs = new ByteArrayOutputStream();
        for (Attribute a : attributes) {
            attrs.write(a.type());
            attrs.write(a.value().length + 2);
            attrs.writeBytes(a.value());
        }
        int length = HEADER + attrs.size();
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("accounting request of " + length + " octets exceeds 4096");
        }
        byte[] packet = new byte[length];
        packet[0] = ACCOUNTING_REQUEST;
        packet[1] = (byte) identifier;
        packet[2] = (byte) (length >>> 8);
        packet[3] = (byte) length;
        System.arraycopy(attrs.toByteArray(), 0, packet, HEADER, attrs.size());
        byte[] authenticator = md5(packet, secret);
        System.arraycopy(authenticator, 0, packet, 4, 16);
        return packet;
    }

    /** The identifier of a packet, or -1 when it is too short to be RADIUS. */
    public static int identifier(byte[] packet) {
        return packet.length < HEADER ? -1 : packet[1] & 0xFF;
    }

    /**
     * Whether {@code response} is the server's Accounting-Response to {@code request}: code 5, the same identifier, a
     * consistent length, and a Response Authenticator of MD5(code | identifier | length | request authenticator |
     * attributes | secret) — a reply forged without the secret fails here.
     */
    public static boolean answers(byte[] response, byte[] request, byte[] secret) {
        if (response.length < HEADER || (response[0] & 0xFF) != ACCOUNTING_RESPONSE || response[1] != request[1]) {
            return false;
        }
        int length = ((response[2] & 0xFF) << 8) | (response[3] & 0xFF);
        if (length < HEADER || length > response.length) {
            return false;
        }
        byte[] check = Arrays.copyOf(response, length);
        System.arraycopy(request, 4, check, 4, 16);
        return MessageDigest.isEqual(md5(check, secret), Arrays.copyOfRange(response, 4, 20));
    }

    private static byte[] md5(byte[] packet, byte[] secret) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(packet);
            md.update(secret);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
