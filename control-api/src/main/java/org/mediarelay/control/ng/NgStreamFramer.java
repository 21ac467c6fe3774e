package org.mediarelay.control.ng;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a TCP byte stream into ng messages: {@code COOKIE SP DICT}, one after the other, whitespace between them
 * allowed, each ending where its dictionary ends. Input that cannot be an ng message (no cookie, a dictionary that
 * can never become valid, one over the size limit) breaks the stream: what is left is handed on as one last message,
 * so that a cookie present still gets its {@code error} reply, and the connection is then closed.
 */
final class NgStreamFramer {

    private final int maxMessage;
    private byte[] buf = new byte[0];
    private boolean broken;

    NgStreamFramer(int maxMessage) {
        this.maxMessage = maxMessage;
    }

    /** @param messages complete messages, in order; {@code broken}: nothing more can be read from this stream */
    record Result(List<byte[]> messages, boolean broken) {
    }

    Result feed(byte[] chunk) {
        if (broken) {
            return new Result(List.of(), true);
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream(buf.length + chunk.length);
        joined.writeBytes(buf);
        joined.writeBytes(chunk);
        buf = joined.toByteArray();
        List<byte[]> out = new ArrayList<>();
        int pos = 0;
        while (true) {
            while (pos < buf.length && Character.isWhitespace(buf[pos])) {
                pos++;
            }
            int end = messageEnd(pos);
            if (end == -1) {
                break;
            }
            if (end == -2) {
                out.add(Arrays.copyOfRange(buf, pos, buf.length));
                broken = true;
                pos = buf.length;
                break;
            }
            out.add(Arrays.copyOfRange(buf, pos, end));
            pos = end;
        }
        buf = Arrays.copyOfRange(buf, pos, buf.length);
        if (!broken && buf.length > maxMessage) {
            out.add(buf);
            broken = true;
            buf = new byte[0];
        }
        return new Result(out, broken);
    }

    /** The end of the message at {@code start}: -1 when more bytes are needed, -2 when it can never be valid. */
    private int messageEnd(int start) {
        int space = -1;
        for (int i = start; i < buf.length && i - start <= NgFrame.MAX_COOKIE; i++) {
            if (buf[i] == ' ') {
                space = i;
                break;
            }
        }
        if (space < 0) {
            return buf.length - start > NgFrame.MAX_COOKIE ? -2 : -1;
        }
        if (space + 1 >= buf.length) {
            return -1;
        }
        try {
            return NgEncoding.ofFirstByte(buf[space + 1]).valueEnd(buf, space + 1);
        } catch (NgRequestException | BencodeException e) {
            return -2;
        }
    }
}
