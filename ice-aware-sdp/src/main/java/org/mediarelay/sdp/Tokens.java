package org.mediarelay.sdp;

import java.util.ArrayList;
import java.util.List;

/** Splitting of SDP field values. RFC 8866 separates fields by one space; runs of spaces are tolerated on input. */
final class Tokens {

    private Tokens() {
    }

    static List<String> split(String value) {
        List<String> out = new ArrayList<>(8);
        int i = 0;
        int n = value.length();
        while (i < n) {
            while (i < n && value.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < n && value.charAt(i) != ' ') {
                i++;
            }
            if (i > start) {
                out.add(value.substring(start, i));
            }
        }
        return out;
    }

    /** A decimal port 0..65535, or -1 when the text is not one. */
    static int port(String text) {
        if (text.isEmpty() || text.length() > 5) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= 65535 ? v : -1;
    }

    static boolean isDecimal(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
