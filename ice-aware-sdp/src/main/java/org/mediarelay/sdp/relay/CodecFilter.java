package org.mediarelay.sdp.relay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mediarelay.sdp.MediaLine;
import org.mediarelay.sdp.MediaSection;
import org.mediarelay.sdp.SdpLine;
import org.mediarelay.sdp.SectionEdit;
import org.mediarelay.sdp.Tokens;
import org.mediarelay.sdp.analysis.CodecAnalysis;
import org.mediarelay.sdp.codec.Codec;
import org.mediarelay.sdp.codec.CodecRules;

/**
 * Takes formats out of an RTP stream's {@code m=} line, or reorders them, without transcoding: what an operator asks
 * for ({@link CodecRules}) and what an answer may carry (only formats its offer listed, RFC 3264 §6.1). A removed
 * payload type takes its {@code a=rtpmap}, {@code a=fmtp} and {@code a=rtcp-fb} lines with it, and so does a
 * retransmission format ({@code rtx}, RFC 4588) whose {@code apt} names a removed one. Streams that are not RTP
 * (T.38 over UDPTL, a data channel) and {@code a=rtcp-fb:*} lines are left alone. A filter that would leave a stream
 * without a single format changes nothing and says so: a stream without formats is not valid SDP (RFC 8866 §5.14).
 */
public final class CodecFilter {

    private CodecFilter() {
    }

    /**
     * What a filter makes of one stream: the formats to keep, in order, when they differ from the {@code m=} line's;
     * a note when it had to leave the stream as it was.
     */
    public record Decision(Optional<List<String>> formats, Optional<String> note) {

        static final Decision UNCHANGED = new Decision(Optional.empty(), Optional.empty());

        public SectionEdit edit() {
            return formats.map(CodecFilter::keeping).orElse(SectionEdit.none());
        }
    }

    /** The operator's rules applied to stream {@code index}. */
    public static Decision byRules(int index, MediaSection section, CodecRules rules) {
        MediaLine m = section.mediaLine();
        if (rules.strip().isEmpty() && rules.offer().isEmpty() && !rules.single() || !isRtp(m)) {
            return Decision.UNCHANGED;
        }
        Map<String, Codec> named = named(section);
        List<String> kept = new ArrayList<>();
        boolean all = rules.strip().stream().anyMatch(s -> s.equalsIgnoreCase("all") || s.equalsIgnoreCase("full"));
        for (String pt : m.formats()) {
            boolean stripped = all || rules.strip().stream().anyMatch(s -> matches(s, pt, named));
            boolean excepted = rules.except().stream().anyMatch(s -> matches(s, pt, named))
                    || rules.offer().stream().anyMatch(s -> matches(s, pt, named));
            if (!stripped || excepted) {
                kept.add(pt);
            }
        }
        if (!rules.offer().isEmpty()) {
            LinkedHashSet<String> ordered = new LinkedHashSet<>();
            for (String selector : rules.offer()) {
                for (String pt : kept) {
                    if (matches(selector, pt, named)) {
                        ordered.add(pt);
                    }
                }
            }
            ordered.addAll(kept);
            kept = new ArrayList<>(ordered);
        }
        if (rules.single()) {
            kept = single(kept, named);
        }
        return decided(index, m, withoutOrphanedRtx(kept, section), "the codec rules");
    }

    /**
     * An answer's stream keeps only formats that its offer listed ({@code offered}: {@code name/rate[/channels]}
     * labels): a relay that does not transcode cannot carry any other, and RFC 3264 §6.1 lets no answer add one.
     * Formats are compared by what they are, not by payload type number, which an answer may change for dynamic
     * types.
     */
    public static Decision offeredOnly(int index, MediaSection section, List<String> offered) {
        MediaLine m = section.mediaLine();
        if (!isRtp(m) || offered.isEmpty()) {
            return Decision.UNCHANGED;
        }
        Set<String> labels = new HashSet<>();
        offered.forEach(l -> labels.add(normalised(l)));
        Map<String, Codec> named = named(section);
        List<String> kept = new ArrayList<>();
        for (String pt : m.formats()) {
            Codec c = named.get(pt);
            // A format the relay cannot name (no rtpmap, not static) is kept: nothing says it was not offered.
            if (c == null || labels.contains(normalised(c.label()))) {
                kept.add(pt);
            }
        }
        return decided(index, m, withoutOrphanedRtx(kept, section), "only codecs its offer listed");
    }

    /** Removes every {@code a=extmap} line (RTP header extensions) of a section. */
    public static SectionEdit extmapRemoved() {
        return e -> {
            for (int i = e.size() - 1; i > 0; i--) {
                if (e.get(i).isAttribute("extmap")) {
                    e.remove(i);
                }
            }
        };
    }

    /** The {@code m=} line names exactly {@code formats}; the attribute lines of the others go. */
    public static SectionEdit keeping(List<String> formats) {
        Set<String> keep = Set.copyOf(formats);
        return e -> {
            SdpLine m = e.get(0);
            e.set(0, m.withValue(m.readValue((s, from, to) -> {
                int proto = Tokens.skipSpaces(s, Tokens.tokenEnd(s, MediaLine.portStart(s, from, to), to), to);
                StringBuilder out = new StringBuilder(to - from).append(s, from, Tokens.tokenEnd(s, proto, to));
                formats.forEach(f -> out.append(' ').append(f));
                return out.toString();
            })));
            for (int i = e.size() - 1; i > 0; i--) {
                Optional<String> pt = payloadTypeOf(e.get(i));
                if (pt.isPresent() && !keep.contains(pt.get())) {
                    e.remove(i);
                }
            }
        };
    }

    private static Decision decided(int index, MediaLine m, List<String> kept, String what) {
        if (kept.equals(m.formats())) {
            return Decision.UNCHANGED;
        }
        if (kept.isEmpty()) {
            return new Decision(Optional.empty(), Optional.of("stream " + index + " (" + m.media() + ") left "
                    + "unchanged: " + what + " would leave it without any codec"));
        }
        return new Decision(Optional.of(List.copyOf(kept)), Optional.empty());
    }

    /** The first format and, for audio, the supplemental ones (DTMF events, comfort noise) that go with any. */
    private static List<String> single(List<String> kept, Map<String, Codec> named) {
        List<String> out = new ArrayList<>();
        boolean primary = false;
        for (String pt : kept) {
            Codec c = named.get(pt);
            boolean supplemental = c != null && (c.name().equalsIgnoreCase("telephone-event")
                    || c.name().equalsIgnoreCase("CN"));
            if (supplemental) {
                out.add(pt);
            } else if (!primary && !isRtx(c)) {
                out.add(pt);
                primary = true;
            }
        }
        return out;
    }

    /** Drops retransmission formats whose associated payload type ({@code apt}) is gone. */
    private static List<String> withoutOrphanedRtx(List<String> kept, MediaSection section) {
        Map<String, String> apt = new HashMap<>();
        for (SdpLine l : section.lines()) {
            if (l.isAttribute("fmtp")) {
                String v = l.attributeValue().orElse("");
                int sp = v.indexOf(' ');
                int at = v.indexOf("apt=");
                if (sp > 0 && at > sp) {
                    int end = at + 4;
                    while (end < v.length() && Character.isDigit(v.charAt(end))) {
                        end++;
                    }
                    apt.put(v.substring(0, sp), v.substring(at + 4, end));
                }
            }
        }
        List<String> out = new ArrayList<>(kept.size());
        for (String pt : kept) {
            String associated = apt.get(pt);
            if (associated == null || kept.contains(associated)) {
                out.add(pt);
            }
        }
        return out;
    }

    private static boolean isRtx(Codec c) {
        return c != null && c.name().equalsIgnoreCase("rtx");
    }

    /** The payload type an {@code a=rtpmap}, {@code a=fmtp} or {@code a=rtcp-fb} line is about. */
    private static Optional<String> payloadTypeOf(SdpLine l) {
        if (l.type() != 'a' || !(l.isAttribute("rtpmap") || l.isAttribute("fmtp") || l.isAttribute("rtcp-fb"))) {
            return Optional.empty();
        }
        String v = l.attributeValue().orElse("");
        int end = Tokens.tokenEnd(v, 0);
        return end > 0 && Tokens.isDigits(v, 0, end) ? Optional.of(v.substring(0, end)) : Optional.empty();
    }

    private static Map<String, Codec> named(MediaSection section) {
        Map<String, Codec> named = new HashMap<>();
        for (Codec c : CodecAnalysis.of(section)) {
            named.put(c.payloadType(), c);
        }
        return named;
    }

    private static boolean matches(String selector, String pt, Map<String, Codec> named) {
        return CodecRules.matches(selector, pt, named.get(pt));
    }

    private static boolean isRtp(MediaLine m) {
        return m.proto().toUpperCase(Locale.ROOT).contains("RTP");
    }

    /** {@code PCMU/8000}, {@code opus/48000/2} with the name in one case and one channel written as none. */
    private static String normalised(String label) {
        String l = label.toLowerCase(Locale.ROOT);
        return l.endsWith("/1") && l.chars().filter(c -> c == '/').count() == 2 ? l.substring(0, l.length() - 2) : l;
    }
}
