package org.mediarelay.sdp.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mediarelay.sdp.SdpParser;
import org.mediarelay.sdp.SessionDescription;

class SdpVersioningTest {

    private static SessionDescription sdp(String version, int port) {
        return SdpParser.parse("v=0\r\no=- 7 " + version + " IN IP4 203.0.113.5\r\ns=-\r\nc=IN IP4 203.0.113.5\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0\r\n");
    }

    @Test
    void the_first_sdp_keeps_its_version() {
        SdpVersioning.Versioned v = SdpVersioning.next(sdp("5", 30000), Optional.empty());
        assertEquals("5", v.sdp().origin().sessionVersion());
        assertEquals(BigInteger.valueOf(5), v.sent().version());
    }

    @Test
    void an_unchanged_sdp_keeps_the_version_sent_before_even_if_the_party_raised_its_own() {
        SdpVersioning.Versioned first = SdpVersioning.next(sdp("5", 30000), Optional.empty());
        SdpVersioning.Versioned again = SdpVersioning.next(sdp("6", 30000), Optional.of(first.sent()));
        assertEquals("5", again.sdp().origin().sessionVersion());
    }

    @Test
    void a_changed_sdp_gets_a_higher_version_than_anything_sent_or_received() {
        SdpVersioning.Versioned first = SdpVersioning.next(sdp("5", 30000), Optional.empty());
        assertEquals("6", SdpVersioning.next(sdp("5", 30002), Optional.of(first.sent())).sdp().origin().sessionVersion());
        assertEquals("9", SdpVersioning.next(sdp("9", 30002), Optional.of(first.sent())).sdp().origin().sessionVersion());
    }
}
