package org.mediarelay.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Scanning of SDP field values. RFC 8866 separates fields by one space; runs of spaces are tolerated on input. The
 * scanning methods work on index ranges and allocate nothing: validation runs on every line of every SDP.
 */
public final class Tokens {

    private Tokens() {
    }

    public static List<String> split(String value) {
        List<String> out = new ArrayList<>(8);
        int i = skipSpaces(value, 0);
        while (i < value.length()) {
            int end = tokenEnd(value, i);
            out.add(value.substring(i, end));
            i = skipSpaces(value, end);
        }
        return out;
    }

    /** The first index at or after {@code from} that is not a space. */
    public static int skipSpaces(String s, int from) {
        return skipSpaces(s, from, s.length());
    }

    /** The first index in {@code [from, to)} that is not a space, else {@code to}. */
    public static int skipSpaces(String s, int from, int to) {
        int i = from;
        while (i < to && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** The index just after the token starting at {@code from}. */
    public static int tokenEnd(String s, int from) {
        return tokenEnd(s, from, s.length());
    }

    /** The index just after the token starting at {@code from}, a token ending at {@code to} at the latest. */
    public static int tokenEnd(String s, int from, int to) {
        int i = from;
        while (i < to && s.charAt(i) != ' ') {
            i++;
        }
        return i;
    }

    /** The number of space-separated tokens. */
    public static int count(String s) {
        return count(s, 0, s.length());
    }

    /** The number of space-separated tokens in {@code s[from, to)}. */
    public static int count(String s, int from, int to) {
        int n = 0;
        int i = skipSpaces(s, from, to);
        while (i < to) {
            n++;
            i = skipSpaces(s, tokenEnd(s, i, to), to);
        }
        return n;
    }

    /** {@code s[from, to)} is one or more decimal digits, of any length. */
    public static boolean isDigits(String s, int from, int to) {
        if (to <= from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The decimal in {@code s[from, to)} if it has 1 to {@code maxDigits} digits and nothing else, else -1.
     * {@code maxDigits} is at most 18, so the value always fits a long.
     */
    public static long decimal(String s, int from, int to, int maxDigits) {
        if (maxDigits > 18) {
            throw new IllegalArgumentException("at most 18 digits fit a long");
        }
        if (to <= from || to - from > maxDigits) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** A port 0..65535 in {@code s[from, to)}, or -1. */
    public static int port(String s, int from, int to) {
        long v = decimal(s, from, to, 5);
        return v <= 65535 ? (int) v : -1;
    }

    /** A decimal port 0..65535, or -1 when the text is not one. */
    static int port(String text) {
        return port(text, 0, text.length());
    }

    static boolean isDecimal(String text) {
        return isDigits(text, 0, text.length());
    }

    /** {@code s} with {@code s[from, to)} replaced by {@code with}. */
    public static String replace(String s, int from, int to, String with) {
        return new StringBuilder(s.length() + with.length()).append(s, 0, from).append(with).append(s, to, s.length())
                .toString();
    }
}
