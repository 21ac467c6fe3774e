package org.mediarelay.control.ng;

import java.util.Map;

/** How an ng dictionary is written: bencode (what the SIP proxies send) or JSON. A reply uses its request's. */
public enum NgEncoding {
    BENCODE,
    JSON;

    /** The encoding a dictionary starting with this byte is in: {@code d} bencode, <code>{</code> JSON. */
    static NgEncoding ofFirstByte(byte first) {
        if (first == 'd') {
            return BENCODE;
        }
        if (first == '{') {
            return JSON;
        }
        throw new NgRequestException("expected a bencoded dictionary ('d') or a JSON object ('{') after the cookie");
    }

    /**
     * The dictionary filling {@code data[offset..]}: strings as {@code byte[]}, integers as {@code Long}, lists, and
     * dictionaries as {@code Map<String, Object>}.
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> decode(byte[] data, int offset) {
        if (this == JSON) {
            return NgJson.decode(data, offset);
        }
        Object v = Bencode.decode(data, offset);
        if (!(v instanceof Map)) {
            throw new NgRequestException("the message is not a dictionary");
        }
        return (Map<String, Object>) v;
    }

    byte[] encode(Map<String, Object> reply) {
        return this == JSON ? NgJson.encode(reply) : Bencode.encode(reply);
    }

    /** The end (exclusive) of the dictionary starting at {@code offset}, or -1 if the data ends first. */
    int valueEnd(byte[] data, int offset) {
        return this == JSON ? NgJson.objectEnd(data, offset) : Bencode.valueEnd(data, offset);
    }
}
