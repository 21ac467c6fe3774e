package org.mediarelay.dispatcher;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.mediarelay.dispatcher.session.StreamSdp;
import org.mediarelay.node.api.AllocateResult;
import org.mediarelay.node.api.IpLiteral;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.PortPair;
import org.mediarelay.node.api.StreamPorts;
import org.mediarelay.node.api.StreamSetup;
import org.mediarelay.node.api.Transport;
import org.mediarelay.sdp.SessionDescription;
import org.mediarelay.sdp.analysis.BundleTransports;
import org.mediarelay.sdp.analysis.SdpAnalysis;
import org.mediarelay.sdp.analysis.StreamInfo;
import org.mediarelay.sdp.relay.RelayEndpoint;

/**
 * Which streams of one SDP the relay carries, and where each of their {@code m=} lines must point once the node has
 * allocated ports. Streams that BUNDLE onto one transport get one port pair, that of the stream carrying it.
 */
final class StreamPlan {

    /**
     * The codec labels most calls name, one instance each: a call keeps its parties' codecs until its CDR is written,
     * and these would otherwise be new strings for every call (about 200 bytes a held call). Others stay as parsed.
     */
    private static final Map<String, String> COMMON_LABELS = Stream.of(
                    "PCMU/8000", "PCMA/8000", "G722/8000", "G729/8000", "GSM/8000", "CN/8000", "iLBC/8000",
                    "AMR/8000", "AMR-WB/16000", "speex/8000", "speex/16000", "opus/48000/2", "telephone-event/8000",
                    "telephone-event/16000", "telephone-event/48000", "H264/90000", "VP8/90000", "VP9/90000",
                    "AV1/90000", "rtx/90000", "red/90000", "ulpfec/90000", "red/48000")
            .collect(Collectors.toUnmodifiableMap(l -> l, l -> l));

    private final int[] transportOf;
    private final List<StreamSetup> setups;
    private final List<StreamSdp> described;
    private final Map<Integer, Boolean> rtcpMux;

    private StreamPlan(int[] transportOf, List<StreamSetup> setups, List<StreamSdp> described,
                       Map<Integer, Boolean> rtcpMux) {
        this.transportOf = transportOf;
        this.setups = setups;
        this.described = described;
        this.rtcpMux = rtcpMux;
    }

    /**
     * @param receivedFrom the SIP source address of the message that carried the SDP
     * @param mediaAddress where the party's media comes from, when the proxy says so instead of the SDP
     */
    static StreamPlan of(SessionDescription sdp, Optional<InetAddress> receivedFrom,
                         Optional<InetAddress> mediaAddress) {
        List<StreamInfo> streams = SdpAnalysis.streams(sdp);
        int[] transportOf = BundleTransports.transportOf(streams, SdpAnalysis.bundleGroups(sdp));
        List<StreamSetup> setups = new ArrayList<>();
        List<StreamSdp> described = new ArrayList<>();
        Map<Integer, Boolean> mux = new HashMap<>();
        for (StreamInfo s : streams) {
            if (s.relayable() && transportOf[s.index()] == s.index()) {
                setups.add(new StreamSetup(s.index(), s.media(), Hints.of(s, receivedFrom, mediaAddress),
                        Hints.clockRates(s)).withTransport(Transport.ofProto(s.proto())));
            }
            if (s.relayable()) {
                mux.put(s.index(), s.rtcpMux());
                described.add(new StreamSdp(s.index(), s.hasMediaAddress() ? s.address().flatMap(IpLiteral::parse)
                        .map(a -> IpLiteral.hostPort(a, s.port())) : Optional.empty(),
                        s.codecs().stream().map(c -> shared(c.label())).toList()));
            }
        }
        return new StreamPlan(transportOf, List.copyOf(setups), List.copyOf(described), Map.copyOf(mux));
    }

    private static String shared(String label) {
        return COMMON_LABELS.getOrDefault(label, label);
    }

    /** What the party's SDP said of each relayed stream (its address and codecs), for the CDR. */
    List<StreamSdp> described() {
        return described;
    }

    /** Whether the party's SDP multiplexes RTCP ({@code a=rtcp-mux}), by media index of each relayed stream. */
    Map<Integer, Boolean> rtcpMux() {
        return rtcpMux;
    }

    /** The media index of the stream that carries stream {@code index}'s transport (itself unless BUNDLEd). */
    int transportOf(int index) {
        return transportOf[index];
    }

    /** The streams the node must carry: one per transport. */
    List<StreamSetup> setups() {
        return setups;
    }

    /**
     * The relay endpoint of every relayed {@code m=} line, for the SDP that {@code reader} will receive: the ports
     * facing that party, which it must send to.
     */
    Map<Integer, RelayEndpoint> relays(AllocateResult.Allocated allocated, Party reader) {
        Map<Integer, RelayEndpoint> byTransport = new HashMap<>();
        for (StreamPorts p : allocated.streams()) {
            PortPair facing = p.facing(reader);
            byTransport.put(p.index(), RelayEndpoint.of(p.address(reader), facing.rtp(), facing.rtcp()));
        }
        Map<Integer, RelayEndpoint> relays = new HashMap<>();
        for (int i = 0; i < transportOf.length; i++) {
            RelayEndpoint relay = byTransport.get(transportOf[i]);
            if (relay != null) {
                relays.put(i, relay);
            }
        }
        return relays;
    }
}
