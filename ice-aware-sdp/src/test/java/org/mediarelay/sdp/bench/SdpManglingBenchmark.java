package org.mediarelay.sdp.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.mediarelay.sdp.SdpParser;
import org.mediarelay.sdp.SessionDescription;
import org.mediarelay.sdp.relay.MangleOptions;
import org.mediarelay.sdp.relay.RelayEndpoint;
import org.mediarelay.sdp.relay.SdpMangler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the dispatcher does per offer: parse, relay rewrite, relay-candidate insertion, serialize, for a two-stream
 * WebRTC-style offer with eight candidates. Run with {@code bench/sdp-jmh.sh} (one thread, pinned to one core).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class SdpManglingBenchmark {

    /** Audio and video, BUNDLE, DTLS, rtcp-mux, four candidates each (IPv4 and IPv6 host, srflx, TCP). */
    public static final String OFFER = String.join("\r\n",
            "v=0",
            "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0 1",
            "a=extmap-allow-mixed",
            "a=msid-semantic: WMS stream",
            "m=audio 54400 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126",
            "c=IN IP4 198.51.100.20",
            "a=rtcp:9 IN IP4 0.0.0.0",
            "a=candidate:1467250027 1 udp 2122260223 192.168.1.20 54400 typ host generation 0 network-id 1",
            "a=candidate:3894387243 1 udp 2122197247 2001:db8::20 54401 typ host generation 0 network-id 2",
            "a=candidate:435653019 1 tcp 1518280447 192.168.1.20 9 typ host tcptype active generation 0 network-id 1",
            "a=candidate:842163049 1 udp 1686052607 198.51.100.20 54400 typ srflx raddr 192.168.1.20 rport 54400 generation 0 network-id 1",
            "a=ice-ufrag:EsAw",
            "a=ice-pwd:bP+XJMM09aR8AiX1jdukzR6Y",
            "a=ice-options:trickle",
            "a=fingerprint:sha-256 DA:52:67:C5:2A:2E:91:13:A2:7D:3A:E1:2E:A4:F3:28:90:67:71:0E:B7:6F:7B:56:79:F4:B2:D1:54:4B:92:7E",
            "a=setup:actpass",
            "a=mid:0",
            "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
            "a=sendrecv",
            "a=msid:stream audio0",
            "a=rtcp-mux",
            "a=rtpmap:111 opus/48000/2",
            "a=rtcp-fb:111 transport-cc",
            "a=fmtp:111 minptime=10;useinbandfec=1",
            "a=rtpmap:63 red/48000/2",
            "a=fmtp:63 111/111",
            "a=rtpmap:9 G722/8000",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:13 CN/8000",
            "a=rtpmap:110 telephone-event/48000",
            "a=rtpmap:126 telephone-event/8000",
            "a=ssrc:1001 cname:bench",
            "m=video 54400 UDP/TLS/RTP/SAVPF 96 97 102 103",
            "c=IN IP4 198.51.100.20",
            "a=rtcp:9 IN IP4 0.0.0.0",
            "a=candidate:1467250027 1 udp 2122260223 192.168.1.20 54400 typ host generation 0 network-id 1",
            "a=candidate:3894387243 1 udp 2122197247 2001:db8::20 54401 typ host generation 0 network-id 2",
            "a=candidate:435653019 1 tcp 1518280447 192.168.1.20 9 typ host tcptype active generation 0 network-id 1",
            "a=candidate:842163049 1 udp 1686052607 198.51.100.20 54400 typ srflx raddr 192.168.1.20 rport 54400 generation 0 network-id 1",
            "a=ice-ufrag:EsAw",
            "a=ice-pwd:bP+XJMM09aR8AiX1jdukzR6Y",
            "a=ice-options:trickle",
            "a=fingerprint:sha-256 DA:52:67:C5:2A:2E:91:13:A2:7D:3A:E1:2E:A4:F3:28:90:67:71:0E:B7:6F:7B:56:79:F4:B2:D1:54:4B:92:7E",
            "a=setup:actpass",
            "a=mid:1",
            "a=sendrecv",
            "a=msid:stream video0",
            "a=rtcp-mux",
            "a=rtcp-rsize",
            "a=rtpmap:96 VP8/90000",
            "a=rtcp-fb:96 goog-remb",
            "a=rtcp-fb:96 nack",
            "a=rtcp-fb:96 nack pli",
            "a=rtpmap:97 rtx/90000",
            "a=fmtp:97 apt=96",
            "a=rtpmap:102 H264/90000",
            "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f",
            "a=rtpmap:103 rtx/90000",
            "a=fmtp:103 apt=102",
            "a=ssrc-group:FID 2001 2002",
            "a=ssrc:2001 cname:bench",
            "a=ssrc:2002 cname:bench",
            "");

    public static final Map<Integer, RelayEndpoint> RELAYS = Map.of(
            0, RelayEndpoint.of("203.0.113.5", 30000, 30001),
            1, RelayEndpoint.of("203.0.113.5", 30002, 30003));

    private final SessionDescription parsed = SdpParser.parse(OFFER);

    /** The whole per-offer work, to the bytes of the ng reply: what the goal (200,000/s on one core) is about. */
    @Benchmark
    public byte[] parseMangleSerialize() {
        return SdpMangler.mangle(SdpParser.parse(OFFER), RELAYS, MangleOptions.DEFAULT).toBytes();
    }

    /** The same, serialized to a String (what a caller that needs text pays). */
    @Benchmark
    public String parseMangleSerializeToString() {
        return SdpMangler.mangle(SdpParser.parse(OFFER), RELAYS, MangleOptions.DEFAULT).serialize();
    }

    @Benchmark
    public SessionDescription parseOnly() {
        return SdpParser.parse(OFFER);
    }

    @Benchmark
    public SessionDescription mangleOnly() {
        return SdpMangler.mangle(parsed, RELAYS, MangleOptions.DEFAULT);
    }

    @Benchmark
    public String serializeOnly() {
        return parsed.serialize();
    }

    @Benchmark
    public byte[] toBytesOnly() {
        return parsed.toBytes();
    }
}
