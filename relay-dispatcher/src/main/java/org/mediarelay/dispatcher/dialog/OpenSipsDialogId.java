package org.mediarelay.dispatcher.dialog;

import java.util.Optional;

/**
 * The {@code dialog_id} OpenSIPS' {@code dlg_end_dlg} takes (OpenSIPS 3.4, modules/dialog): two numbers, the dialog's
 * hash entry and hash id, each in "reverse hex" (hexadecimal digits least significant first, as
 * {@code int2reverse_hex} writes them), joined by a dot; anything it cannot read that way it takes as a Call-ID. The
 * mediaproxy module sends the same dialog as one decimal number, {@code h_entry << 32 | h_id}, which OpenSIPS since
 * 3.1 reads as a Call-ID and so never finds: it has to be converted.
 */
public final class OpenSipsDialogId {

    private OpenSipsDialogId() {
    }

    /**
     * The id to ask for: the mediaproxy module's decimal id converted; without one (a call under
     * {@code use_media_proxy()}, or signalled over ng), the Call-ID, which OpenSIPS looks up instead.
     */
    public static String forEnd(Optional<String> moduleId, String callId) {
        return moduleId.flatMap(OpenSipsDialogId::fromModule).orElse(callId);
    }

    /** The mediaproxy module's decimal {@code h_entry << 32 | h_id} as {@code h_entry.h_id} in reverse hex. */
    static Optional<String> fromModule(String decimal) {
        if (decimal.isEmpty() || decimal.length() > 20 || !decimal.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        long id;
        try {
            id = Long.parseUnsignedLong(decimal);
        } catch (NumberFormatException tooBig) {
            return Optional.empty();
        }
        return Optional.of(reverseHex(id >>> 32) + "." + reverseHex(id & 0xffff_ffffL));
    }

    /** {@code n} in hexadecimal, least significant digit first; zero is "0". */
    static String reverseHex(long n) {
        if (n == 0) {
            return "0";
        }
        StringBuilder b = new StringBuilder();
        for (long rest = n; rest != 0; rest >>>= 4) {
            b.append(Character.forDigit((int) (rest & 0xf), 16));
        }
        return b.toString();
    }
}
