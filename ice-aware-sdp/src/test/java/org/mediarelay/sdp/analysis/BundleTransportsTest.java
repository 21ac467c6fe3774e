package org.mediarelay.sdp.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.mediarelay.sdp.Corpus;
import org.mediarelay.sdp.SdpParser;
import org.mediarelay.sdp.SessionDescription;

class BundleTransportsTest {

    private static int[] transports(String body) {
        SessionDescription sdp = SdpParser.parse(body);
        return BundleTransports.transportOf(SdpAnalysis.streams(sdp), SdpAnalysis.bundleGroups(sdp));
    }

    @Test
    void bundled_streams_on_one_address_and_port_use_the_first_streams_transport() {
        assertArrayEquals(new int[] {0, 0}, transports(Corpus.read("rfc8843-section18.1-bundle-answer-shared-port.sdp")));
    }

    @Test
    void bundled_streams_on_distinct_ports_keep_a_transport_each() {
        assertArrayEquals(new int[] {0, 1}, transports(Corpus.read("rfc8843-section18.1-bundle-offer-ipv6.sdp")));
        assertArrayEquals(new int[] {0, 1}, transports(Corpus.read("sdptransform-jsep-bundle-trickle.sdp")));
    }

    @Test
    void streams_on_one_port_without_a_bundle_group_are_not_merged() {
        String sdp = Corpus.read("rfc8843-section18.1-bundle-answer-shared-port.sdp").replace("a=group:BUNDLE foo bar\r\n", "");
        assertArrayEquals(new int[] {0, 1}, transports(sdp));
    }

    @Test
    void the_group_order_decides_which_stream_carries_the_transport() {
        String sdp = Corpus.read("rfc8843-section18.1-bundle-answer-shared-port.sdp")
                .replace("a=group:BUNDLE foo bar", "a=group:BUNDLE bar foo");
        assertArrayEquals(new int[] {1, 1}, transports(sdp));
    }

    @Test
    void a_rejected_stream_in_the_group_shares_nothing() {
        String sdp = Corpus.read("rfc8843-section18.1-bundle-answer-shared-port.sdp")
                .replace("m=video 20000", "m=video 0");
        assertArrayEquals(new int[] {0, 1}, transports(sdp));
    }
}
