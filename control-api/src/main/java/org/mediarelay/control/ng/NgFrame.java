package org.mediarelay.control.ng;

import java.util.Arrays;
import java.util.Optional;

/**
 * One ng message: {@code COOKIE SP DICT}. The cookie is opaque and echoed in the reply; without one there is nothing
 * to reply to, so such input is dropped by the caller.
 */
public final class NgFrame {

    /** Longer cookies are not ng: Kamailio's are {@code <pid>_<n>_<retry>}, a few dozen bytes. */
    static final int MAX_COOKIE = 256;

    private NgFrame() {
    }

    /** The cookie, if the message has one: the bytes before the first space, at least one, none of them control. */
    public static Optional<byte[]> cookie(byte[] message) {
        for (int i = 0; i < message.length && i <= MAX_COOKIE; i++) {
            byte b = message[i];
            if (b == ' ') {
                return i == 0 ? Optional.empty() : Optional.of(Arrays.copyOf(message, i));
            }
            if (b < 0x21 || b == 0x7f) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The request dictionary filling {@code message[start..]}, bencode or JSON. */
    public static NgRequest request(byte[] message, int start) {
        if (start >= message.length) {
            throw new NgRequestException("empty message: no dictionary");
        }
        NgEncoding encoding = NgEncoding.ofFirstByte(message[start]);
        return NgRequest.of(encoding.decode(message, start), encoding);
    }

    /** {@code cookie SP body}. */
    public static byte[] frame(byte[] cookie, byte[] body) {
        byte[] out = Arrays.copyOf(cookie, cookie.length + 1 + body.length);
        out[cookie.length] = ' ';
        System.arraycopy(body, 0, out, cookie.length + 1, body.length);
        return out;
    }
}
