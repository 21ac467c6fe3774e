package org.mediarelay.sdp.codec;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which formats of a stream the reader of an SDP gets to see, as a relay that does not transcode can decide it: it
 * can only take formats away or reorder them (rtpengine's {@code codec} dictionary, the parts that need no
 * transcoding). Each entry is a selector: a payload type number ({@code 8}), an encoding name ({@code PCMA},
 * case-insensitive as RFC 4855 §3 has media subtype names), optionally with clock rate and channels
 * ({@code opus/48000/2}), or {@code all} ({@code full}) for every format.
 *
 * @param strip       formats removed ({@code strip}, and {@code mask} and {@code consume}, which differ from it only
 *                    when transcoding)
 * @param except      with {@code strip: all}, the formats kept
 * @param offer       formats kept like {@code except} and moved to the front, in this order
 * @param single      only the first format is kept, with the supplemental ones that go with any audio codec
 *                    ({@code telephone-event}, {@code CN}) (ng flag {@code single codec}, for an answer)
 * @param stripExtmap every {@code a=extmap} (RTP header extension, RFC 8285) is removed
 */
public record CodecRules(List<String> strip, List<String> except, List<String> offer, boolean single,
                         boolean stripExtmap) {

    public static final CodecRules NONE = new CodecRules(List.of(), List.of(), List.of(), false, false);

    public CodecRules {
        strip = List.copyOf(strip);
        except = List.copyOf(except);
        offer = List.copyOf(offer);
    }

    public boolean isNone() {
        return strip.isEmpty() && except.isEmpty() && offer.isEmpty() && !single && !stripExtmap;
    }

    boolean stripsAll() {
        return strip.stream().anyMatch(CodecRules::isAll);
    }

    static boolean isAll(String selector) {
        String s = selector.toLowerCase(Locale.ROOT);
        return s.equals("all") || s.equals("full");
    }

    /** Whether {@code selector} names {@code codec} (a format without a name matches by its payload type only). */
    public static boolean matches(String selector, String payloadType, Codec codec) {
        Objects.requireNonNull(selector);
        if (isAll(selector)) {
            return true;
        }
        if (!selector.isEmpty() && selector.chars().allMatch(Character::isDigit)) {
            return selector.equals(payloadType);
        }
        if (codec == null) {
            return false;
        }
        String[] parts = selector.split("/", -1);
        if (!parts[0].equalsIgnoreCase(codec.name())) {
            return false;
        }
        if (parts.length > 1 && !parts[1].isEmpty() && !parts[1].equals(Long.toString(codec.clockRate()))) {
            return false;
        }
        return parts.length <= 2 || parts[2].isEmpty()
                || parts[2].equals(Integer.toString(Math.max(codec.channels(), 1)));
    }
}
