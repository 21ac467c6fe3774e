package org.mediarelay.sdp;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators of valid SDP bodies with the variety real ones have: both address families, session- and
 * media-level connections and ICE, candidates of any type and priority (out-of-range ones too), mux, holds, port 0,
 * unknown lines and attributes with arbitrary bytes, mixed line endings, a last line without ending.
 */
public final class GeneratedSdp {

    private GeneratedSdp() {
    }

    private static Arbitrary<String> eol() {
        return Arbitraries.of("\r\n", "\r\n", "\r\n", "\n");
    }

    /** Text a line may hold: any char 0x20-0xFF (one byte each), at least one. */
    static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u00a0', '\u00ff').ofMinLength(1).ofMaxLength(40)
                .filter(s -> !s.isBlank());
    }

    private static Arbitrary<String> token() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofMinLength(1).ofMaxLength(12);
    }

    static Arbitrary<String> address() {
        Arbitrary<String> v4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3));
        Arbitrary<String> v6 = Arbitraries.integers().between(0, 0xffff).list().ofSize(3)
                .map(l -> "2001:db8:" + Integer.toHexString(l.get(0)) + "::" + Integer.toHexString(l.get(1)));
        return Arbitraries.oneOf(v4, v4, v6, Arbitraries.just("0.0.0.0"), Arbitraries.just("host.example.com"));
    }

    private static Arbitrary<String> connection() {
        return address().map(a -> "c=IN " + (a.indexOf(':') >= 0 ? "IP6 " : "IP4 ") + a);
    }

    private static Arbitrary<String> candidate() {
        Arbitrary<String> type = Arbitraries.of("host", "srflx", "prflx", "relay", "tunnel");
        Arbitrary<Long> priority = Arbitraries.oneOf(Arbitraries.longs().between(1, 4294967295L),
                Arbitraries.longs().between(1, 1000), Arbitraries.of(2130706431L, 16777215L, 659136L));
        Arbitrary<String> related = Arbitraries.oneOf(Arbitraries.just(""),
                Combinators.combine(address(), Arbitraries.integers().between(0, 65535))
                        .as((a, p) -> " raddr " + a + " rport " + p));
        Arbitrary<String> ext = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.just(" generation 0"),
                Arbitraries.just(" tcptype active network-id 2 network-cost 10"));
        return Combinators.combine(token(), Arbitraries.integers().between(1, 2), Arbitraries.of("UDP", "udp", "TCP"),
                priority, address(), Arbitraries.integers().between(0, 65535), type, related)
                .as((f, c, t, p, a, port, ty, r) -> "a=candidate:" + f + " " + c + " " + t + " " + p + " " + a + " "
                        + port + " typ " + ty + r)
                .flatMap(line -> ext.map(e -> line + e));
    }

    private static Arbitrary<List<String>> mediaSection() {
        Arbitrary<String> mLine = Combinators.combine(Arbitraries.of("audio", "video", "image", "message", "application"),
                Arbitraries.oneOf(Arbitraries.integers().between(1, 65535), Arbitraries.just(0)),
                Arbitraries.of("RTP/AVP", "RTP/SAVPF", "UDP/TLS/RTP/SAVPF", "udptl", "TCP/MSRP", "UDP/DTLS/SCTP"),
                Arbitraries.of("0", "0 8 101", "96 97", "t38", "*", "webrtc-datachannel"))
                .as((media, port, proto, fmt) -> "m=" + media + " " + port + " " + proto + " " + fmt);
        Arbitrary<List<String>> extras = Arbitraries.oneOf(
                connection(),
                Arbitraries.integers().between(0, 65535).map(p -> "a=rtcp:" + p),
                Combinators.combine(Arbitraries.integers().between(0, 65535), address())
                        .as((p, a) -> "a=rtcp:" + p + " IN " + (a.indexOf(':') >= 0 ? "IP6 " : "IP4 ") + a),
                Arbitraries.of("a=rtcp-mux", "a=sendonly", "a=inactive", "a=sendrecv", "a=end-of-candidates",
                        "a=ice-ufrag:abcd", "a=ice-pwd:0123456789abcdefghijkl", "a=rtpmap:101 telephone-event/8000",
                        "a=mid:0", "b=AS:64", "i=title"),
                candidate(), candidate(),
                text().map(t -> "a=x-" + t.replace(' ', '_')),
                text().map(t -> "a=" + t.charAt(0) + t.substring(1).toLowerCase()).filter(t -> !t.startsWith("a=rtcp")
                        && !t.startsWith("a=candidate") && !t.startsWith("a=remote-candidates")))
                .list().ofMaxSize(10);
        return Combinators.combine(mLine, extras).as((m, rest) -> {
            List<String> out = new ArrayList<>();
            out.add(m);
            out.addAll(rest);
            return out;
        });
    }

    /** A whole body. */
    public static Arbitrary<String> bodies() {
        Arbitrary<List<String>> sessionExtras = Arbitraries.oneOf(connection(), Arbitraries.of("a=ice-ufrag:abcd",
                "a=ice-pwd:0123456789abcdefghijkl", "a=ice-lite", "a=group:BUNDLE 0 1", "a=sendrecv", "b=CT:384"),
                text().map(t -> "a=tool:" + t), text().map(t -> "z=" + t)).list().ofMaxSize(4);
        Arbitrary<List<String>> lines = Combinators.combine(address(), text(), sessionExtras, mediaSection().list().ofMaxSize(4))
                .as((origin, name, extras, media) -> {
                    List<String> out = new ArrayList<>();
                    out.add("v=0");
                    out.add("o=- 1 1 IN " + (origin.indexOf(':') >= 0 ? "IP6 " : "IP4 ") + origin);
                    out.add("s=" + name);
                    out.add("t=0 0");
                    out.addAll(extras);
                    media.forEach(out::addAll);
                    return out;
                });
        return lines.flatMap(ls -> eol().list().ofSize(ls.size()).flatMap(eols ->
                Arbitraries.of("", "\r\n", "last-without-eol").map(tail -> {
                    StringBuilder b = new StringBuilder();
                    for (int i = 0; i < ls.size(); i++) {
                        boolean last = i == ls.size() - 1;
                        b.append(ls.get(i)).append(last && tail.equals("last-without-eol") ? "" : eols.get(i));
                    }
                    if (tail.equals("\r\n")) {
                        b.append(tail);
                    }
                    return b.toString();
                })));
    }
}
