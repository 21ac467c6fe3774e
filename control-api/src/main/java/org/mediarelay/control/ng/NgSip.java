package org.mediarelay.control.ng;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.mediarelay.dispatcher.signalling.SipContext;

/**
 * rtpengine's keys for the SIP message that carried an offer or answer: {@code sip-code} (also {@code sip-response-code})
 * and {@code sip-message-type} ({@code request}/{@code reply}), in any spelling rtpengine takes (dashes, underscores
 * or spaces; upper- or lower-case {@code SIP}), as keys of the request or as {@code key=value} items of its
 * {@code flags} (how a Kamailio or OpenSIPS script passes them: {@code rtpengine_answer("sip-code=$rs")}). They tell
 * early media (1xx) from the call's answer (docs/ng-protocol.md, docs/cdr.md).
 */
final class NgSip {

    private static final Set<String> CODE = Set.of("sip-code", "sip-response-code");
    private static final String MESSAGE_TYPE = "sip-message-type";

    private NgSip() {
    }

    /** A key of the request that this class reads. */
    static boolean isKey(String key) {
        String k = normalise(key);
        return CODE.contains(k) || k.equals(MESSAGE_TYPE);
    }

    /** A {@code flags} item that this class reads ({@code sip-code=183}). */
    static boolean isFlag(String item) {
        int eq = item.indexOf('=');
        return eq > 0 && isKey(item.substring(0, eq).trim());
    }

    static SipContext of(NgRequest r) {
        List<String[]> given = new ArrayList<>();
        for (String key : r.keys()) {
            if (isKey(key)) {
                String value = CODE.contains(normalise(key)) ? String.valueOf(r.integer(key).orElseThrow())
                        : r.requiredString(key);
                given.add(new String[] {key, value});
            }
        }
        for (String item : r.strings("flags")) {
            if (isFlag(item)) {
                int eq = item.indexOf('=');
                given.add(new String[] {item.substring(0, eq).trim(), item.substring(eq + 1).trim()});
            }
        }
        Optional<Integer> code = Optional.empty();
        Optional<Boolean> inResponse = Optional.empty();
        for (String[] kv : given) {
            if (CODE.contains(normalise(kv[0]))) {
                code = Optional.of(code(kv[0], kv[1]));
            } else {
                inResponse = Optional.of(inResponse(kv[0], kv[1]));
            }
        }
        if (code.isPresent() && inResponse.equals(Optional.of(false))) {
            throw new NgRequestException("a SIP request has no response code: sip-code with sip-message-type request");
        }
        return new SipContext(code, code.isPresent() ? Optional.of(true) : inResponse);
    }

    private static int code(String key, String value) {
        if (!value.matches("[0-9]{3}") || value.charAt(0) == '0' || value.charAt(0) > '6') {
            throw new NgRequestException("'" + key + "' must be a SIP response code (100 to 699), not '" + value + "'");
        }
        return Integer.parseInt(value);
    }

    private static boolean inResponse(String key, String value) {
        String v = normalise(value);
        v = v.startsWith("sip-") ? v.substring(4) : v;
        return switch (v) {
            case "request" -> false;
            case "reply", "response" -> true;
            default -> throw new NgRequestException("'" + key + "' must be 'request' or 'reply', not '" + value + "'");
        };
    }

    private static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
    }
}
