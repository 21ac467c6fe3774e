package org.mediarelay.control.ng;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mediarelay.dispatcher.command.SdpCommand;
import org.mediarelay.dispatcher.command.SdpOptions;
import org.mediarelay.dispatcher.signalling.RtcpMuxPolicy;
import org.mediarelay.node.api.AddressFamily;
import org.mediarelay.node.api.EndpointLearning;
import org.mediarelay.node.api.InterfaceChoice;
import org.mediarelay.sdp.codec.CodecRules;
import org.mediarelay.sdp.relay.IceMode;
import org.mediarelay.sdp.relay.MangleOptions;

/**
 * The ng keys and flags that say how an offer's or answer's SDP is rewritten: {@code ICE}, {@code replace},
 * {@code rtcp-mux}, {@code codec} (and its flag forms), {@code transport-protocol}, and where the relay's side of it
 * is ({@code direction}, {@code address-family}, ...). A value the relay does not know or
 * cannot honour is a warning in the reply, never an error: the call goes through with the default, as rtpengine does
 * with unknown flags. A value of the wrong type is an error.
 */
final class NgSdpOptions {

    /** More codec selectors than any real rule set has; beyond this a request is refused, not worked through. */
    static final int MAX_CODEC_SELECTORS = 64;

    /** The options, and a warning for each value that was not applied as asked. */
    record Parsed(SdpOptions options, List<String> warnings) {
        Parsed {
            warnings = List.copyOf(warnings);
        }
    }

    private NgSdpOptions() {
    }

    static Parsed of(NgRequest r, NgFlags flags, SdpCommand.Kind kind) {
        List<String> warnings = new ArrayList<>();
        Optional<IceMode> ice = r.string("ICE").map(v -> ice(v, warnings));
        if (ice.isEmpty() && flags.has("reject-ice")) {
            ice = Optional.of(IceMode.REMOVE);
        }
        boolean origin = false;
        boolean sessionName = false;
        boolean version = false;
        boolean sessionConnection = false;
        boolean zeroAddress = false;
        for (String value : r.strings("replace")) {
            switch (value.toLowerCase(Locale.ROOT).replace(' ', '-')) {
                case "origin", "origin-full" -> origin = true;
                case "session-name" -> sessionName = true;
                case "sdp-version" -> version = true;
                case "session-connection" -> sessionConnection = true;
                case "zero-address" -> zeroAddress = true;
                case "force-increment-sdp-ver" -> {
                    version = true;
                    warnings.add("replace 'force-increment-sdp-ver' applied as 'SDP-version': the version goes up "
                            + "whenever the SDP a party receives changes");
                }
                case "username" -> warnings.add("replace 'username' is not supported: o= names the user the party "
                        + "wrote");
                default -> warnings.add("unknown replace value '" + value + "' ignored");
            }
        }
        RtcpMuxPolicy mux = rtcpMux(r.strings("rtcp-mux"), warnings);
        r.string("transport-protocol").ifPresent(p -> warnings.add("transport protocol '" + p + "' not applied: the "
                + "relay does not transcode, each party's protocol passes through"));
        CodecRules codecs = codecs(r, flags, kind, warnings);
        return new Parsed(new SdpOptions(ice, origin, sessionName, version, mux, sessionConnection, zeroAddress,
                codecs, learning(r, flags, warnings), interfaces(r)), warnings);
    }

    /**
     * The media interfaces asked for: {@code direction} lists the sender's side, then the receiver's (rtpengine's
     * order); {@code from-interface} and {@code to-interface} name one side each and win over {@code direction};
     * {@code interface} names both; {@code address-family} is the family the receiver must see.
     */
    static InterfaceChoice interfaces(NgRequest r) {
        List<String> direction = r.strings("direction");
        if (!direction.isEmpty() && direction.size() != 2) {
            throw new NgRequestException("key 'direction' must list two interfaces (the sender's side, then the "
                    + "receiver's), not " + direction.size());
        }
        Optional<String> both = r.string("interface");
        Optional<String> sender = r.string("from-interface")
                .or(() -> direction.isEmpty() ? both : Optional.of(direction.get(0)));
        Optional<String> reader = r.string("to-interface")
                .or(() -> direction.isEmpty() ? both : Optional.of(direction.get(1)));
        Optional<AddressFamily> family = r.string("address-family").map(f -> AddressFamily.parse(f).orElseThrow(() ->
                new NgRequestException("key 'address-family' must be IP4 or IP6, not '" + f + "'")));
        return new InterfaceChoice(sender, reader, family);
    }

    /** {@code endpoint-learning} ({@code delayed}, {@code immediate}, {@code off}, {@code heuristic}), or its flag. */
    private static Optional<EndpointLearning> learning(NgRequest r, NgFlags flags, List<String> warnings) {
        Optional<String> value = r.string("endpoint-learning").or(() -> flags.flags().stream()
                .filter(f -> f.startsWith(NgFlags.LEARNING)).reduce((a, b) -> b)
                .map(f -> f.substring(NgFlags.LEARNING.length())));
        Optional<EndpointLearning> learning = value.flatMap(EndpointLearning::parse);
        if (value.isPresent() && learning.isEmpty()) {
            warnings.add("unknown endpoint-learning '" + value.get() + "' ignored: the relay's own applies");
        }
        return learning;
    }

    /** {@code rtcp-mux}: see {@link RtcpMuxPolicy} for what each value does. */
    private static RtcpMuxPolicy rtcpMux(List<String> values, List<String> warnings) {
        if (values.isEmpty()) {
            return RtcpMuxPolicy.DEFAULT;
        }
        boolean offer = false;
        boolean require = false;
        boolean demux = false;
        boolean accept = false;
        boolean reject = false;
        for (String value : values) {
            switch (value.toLowerCase(Locale.ROOT)) {
                case "offer" -> offer = true;
                case "require" -> require = true;
                case "demux" -> demux = true;
                case "accept" -> accept = true;
                case "reject" -> reject = true;
                default -> warnings.add("unknown rtcp-mux value '" + value + "' ignored");
            }
        }
        MangleOptions.MuxChange toReader = require ? MangleOptions.MuxChange.REQUIRE
                : offer ? MangleOptions.MuxChange.ADD
                : demux || reject ? MangleOptions.MuxChange.REMOVE : MangleOptions.MuxChange.KEEP;
        RtcpMuxPolicy.Back back = reject ? RtcpMuxPolicy.Back.REJECT
                : demux || accept ? RtcpMuxPolicy.Back.ACCEPT : RtcpMuxPolicy.Back.FOLLOW;
        return new RtcpMuxPolicy(toReader, back);
    }

    /**
     * The {@code codec} dictionary and its flag forms, as far as they need no transcoding: {@code strip};
     * {@code mask} and {@code consume} (offers only), which then mean the same; {@code except}; {@code offer};
     * {@code transcode} of a codec the SDP lists (kept and moved first, as with {@code offer}). {@code accept},
     * {@code set} and adding a codec need transcoding: warned. Flags {@code single codec} and {@code strip extmap}.
     */
    private static CodecRules codecs(NgRequest r, NgFlags flags, SdpCommand.Kind kind, List<String> warnings) {
        Optional<Map<String, Object>> dict = r.dictionary("codec");
        if (dict.isEmpty() && flags.codec().isEmpty() && !flags.has("single-codec") && !flags.has("strip-extmap")) {
            return CodecRules.NONE;
        }
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        dict.ifPresent(d -> d.forEach((key, value) -> byKey.computeIfAbsent(key.toLowerCase(Locale.ROOT),
                k -> new ArrayList<>()).addAll(selectors(key, value))));
        flags.codec().forEach((key, values) -> byKey.computeIfAbsent(key, k -> new ArrayList<>()).addAll(values));
        int total = byKey.values().stream().mapToInt(List::size).sum();
        if (total > MAX_CODEC_SELECTORS) {
            throw new NgRequestException("key 'codec' names " + total + " codecs, at most " + MAX_CODEC_SELECTORS);
        }
        List<String> strip = new ArrayList<>();
        List<String> except = new ArrayList<>();
        List<String> offer = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byKey.entrySet()) {
            List<String> v = e.getValue();
            switch (e.getKey()) {
                case "strip" -> strip.addAll(v);
                case "mask", "consume" -> {
                    if (kind == SdpCommand.Kind.OFFER) {
                        strip.addAll(v);
                    }
                }
                case "except" -> except.addAll(v);
                case "offer" -> offer.addAll(v);
                case "transcode" -> {
                    offer.addAll(v);
                    warnings.add("codec transcode " + v + ": mediarelay does not transcode; a codec the SDP lists is "
                            + "kept and put first, others are not added");
                }
                case "accept", "set" -> warnings.add("codec " + e.getKey() + " " + v + " ignored: it needs "
                        + "transcoding, which mediarelay does not do");
                case "ignore" -> { }
                default -> warnings.add("unknown codec key '" + e.getKey() + "' ignored");
            }
        }
        return new CodecRules(strip, except, offer, flags.has("single-codec"), flags.has("strip-extmap"));
    }

    /** A codec list: a list of strings, or one string (rtpengine takes both). */
    private static List<String> selectors(String key, Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof byte[] b) {
            out.add(new String(b, StandardCharsets.ISO_8859_1));
        } else if (value instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof byte[] b)) {
                    throw new NgRequestException("key 'codec' entry '" + key + "' must be a list of strings");
                }
                out.add(new String(b, StandardCharsets.ISO_8859_1));
            }
        } else {
            throw new NgRequestException("key 'codec' entry '" + key + "' must be a list of strings");
        }
        for (String s : out) {
            if (s.isBlank()) {
                throw new NgRequestException("key 'codec' entry '" + key + "' has an empty codec name");
            }
        }
        return out;
    }

    private static IceMode ice(String value, List<String> warnings) {
        Optional<IceMode> mode = IceMode.fromNg(value);
        if (mode.isEmpty()) {
            warnings.add("unknown ICE mode '" + value + "': relay candidates added");
            return IceMode.RELAY_CANDIDATE;
        }
        if (value.equalsIgnoreCase("force")) {
            warnings.add("ICE=force (the relay as an ICE agent) is not supported: relay candidates added");
        }
        return mode.get();
    }
}
