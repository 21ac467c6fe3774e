package org.mediarelay.dispatcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.accounting.cdr.CdrParty;
import org.mediarelay.dispatcher.command.DeleteCommand;
import org.mediarelay.dispatcher.command.DeleteOutcome;
import org.mediarelay.dispatcher.command.SdpCommand;
import org.mediarelay.dispatcher.command.StreamsCommand;
import org.mediarelay.dispatcher.command.StreamsOutcome;
import org.mediarelay.dispatcher.signalling.Annotation;
import org.mediarelay.node.testing.UdpPeer;
import org.mediarelay.node.testing.Udptl;
import org.mediarelay.sdp.SdpParser;

/**
 * A T.38 re-INVITE as a fax machine's gateway sends it: a voice call switches its stream to {@code m=image ... udptl
 * t38} and back, with real RTP and real UDPTL through a real node; the CDR counts each under its own kind. The same
 * over OpenSIPS' MediaProxy protocol, which names only the media type.
 */
@ExtendWith(VertxExtension.class)
class FaxReinviteTest {

    @TempDir
    Path data;

    private DispatcherHarness h;
    private UdpPeer caller;
    private UdpPeer callee;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        h = DispatcherHarness.start(vertx, data);
        caller = new UdpPeer();
        callee = new UdpPeer();
    }

    @AfterEach
    void stop() throws Exception {
        caller.close();
        callee.close();
        h.close();
    }

    private static String audio(UdpPeer peer, int version) {
        return "v=0\r\no=- 1 " + version + " IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + peer.port() + " RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n";
    }

    /** T.38 as gateways offer it (RFC 3362, T.38 Annex D): UDPTL with redundancy. */
    private static String fax(UdpPeer peer, int version) {
        return "v=0\r\no=- 1 " + version + " IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=image " + peer.port() + " udptl t38\r\na=T38FaxVersion:0\r\na=T38MaxBitRate:14400\r\n"
                + "a=T38FaxRateManagement:transferredTCF\r\na=T38FaxMaxDatagram:400\r\n"
                + "a=T38FaxUdpEC:t38UDPRedundancy\r\n";
    }

    private static InetSocketAddress relayPort(String sdp) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(),
                SdpParser.parse(sdp).media().get(0).mediaLine().port());
    }

    private static void cross(byte[] datagram, UdpPeer from, InetSocketAddress to, UdpPeer receiver) {
        from.send(datagram, to);
        assertArrayEquals(datagram, receiver.receive().orElseThrow(() -> new AssertionError("lost")).payload());
    }

    /** OpenSIPS' {@code mediaproxy} module: the party's streams as {@code type:address:port:direction}. */
    private StreamsOutcome.Relayed streams(boolean fromRequest, Optional<String> toTag, String type, UdpPeer peer)
            throws Exception {
        StreamsCommand c = new StreamsCommand(fromRequest, "mp-fax", "caller", toTag, List.of(
                new StreamsCommand.MediaLine(type, Optional.of(InetAddress.getLoopbackAddress()), peer.port(),
                        "sendrecv", false)), Optional.empty(), Annotation.NONE, Optional.empty());
        return assertInstanceOf(StreamsOutcome.Relayed.class, DispatcherHarness.await(h.dispatcher.relay(c)));
    }

    @Test
    void over_the_mediaproxy_protocol_an_image_stream_is_carried_as_udptl() throws Exception {
        int toCallee = streams(true, Optional.empty(), "image", caller).ports().get(0);
        int toCaller = streams(false, Optional.of("callee"), "image", callee).ports().get(0);
        InetSocketAddress relayForCaller = new InetSocketAddress(InetAddress.getLoopbackAddress(), toCaller);
        InetSocketAddress relayForCallee = new InetSocketAddress(InetAddress.getLoopbackAddress(), toCallee);
        for (int seq = 0x7FFE; seq < 0x8004; seq++) {
            cross(Udptl.packet(seq, Udptl.v21Data(new byte[] {(byte) 0xFF, 0x13})), caller, relayForCaller, callee);
            cross(Udptl.packet(seq, Udptl.CNG), callee, relayForCallee, caller);
        }
        DeleteOutcome.Deleted done = assertInstanceOf(DeleteOutcome.Deleted.class, h.delete(new DeleteCommand("mp-fax",
                "caller", Optional.empty(), false, false, Optional.empty())));
        assertEquals(6, done.cdr().streams().get(0).caller().media().udptl().packets());
        assertEquals(6, done.cdr().streams().get(0).callee().media().udptl().packets());
        assertEquals(0, done.cdr().streams().get(0).caller().rtp().packets());
    }

    @Test
    void a_voice_call_switches_to_t38_fax_and_back_on_its_ports_and_the_cdr_counts_each() throws Exception {
        InetSocketAddress toCallee = relayPort(h.sdp(SdpCommand.offer("fax", "caller", audio(caller, 1))));
        InetSocketAddress toCaller = relayPort(h.sdp(SdpCommand.answer("fax", "caller", "callee", audio(callee, 1))));
        for (int seq = 0; seq < 5; seq++) {
            cross(UdpPeer.rtp(seq, 0xA1), caller, toCaller, callee);
            cross(UdpPeer.rtp(seq, 0xB2), callee, toCallee, caller);
        }

        // The callee's gateway hears the fax tone and re-INVITEs to T.38; the caller's side accepts.
        assertEquals(toCaller, relayPort(h.sdp(SdpCommand.offer("fax", "callee", fax(callee, 2)))), "the fax goes to the ports the voice used");
        assertEquals(toCallee, relayPort(h.sdp(SdpCommand.answer("fax", "callee", "caller", fax(caller, 2)))));
        for (int seq = 0x7FFE; seq < 0x8008; seq++) {
            cross(Udptl.packet(seq, Udptl.v21Data(new byte[] {(byte) 0xFF, 0x03, (byte) seq})), caller, toCaller,
                    callee);
            cross(Udptl.packet(seq, Udptl.CED), callee, toCallee, caller);
        }

        // The fax is done: back to voice.
        h.sdp(SdpCommand.offer("fax", "callee", audio(callee, 3)));
        h.sdp(SdpCommand.answer("fax", "callee", "caller", audio(caller, 3)));
        for (int seq = 5; seq < 8; seq++) {
            cross(UdpPeer.rtp(seq, 0xA1), caller, toCaller, callee);
        }

        DeleteOutcome.Deleted done = assertInstanceOf(DeleteOutcome.Deleted.class, h.delete(new DeleteCommand("fax",
                "caller", Optional.empty(), false, false, Optional.empty())));
        CdrParty from = done.cdr().streams().get(0).caller();
        CdrParty to = done.cdr().streams().get(0).callee();
        assertEquals(8, from.rtp().packets());
        assertEquals(10, from.media().udptl().packets());
        assertEquals(5, to.rtp().packets());
        assertEquals(10, to.media().udptl().packets());
        assertEquals(0, from.dropped() + to.dropped());
    }
}
