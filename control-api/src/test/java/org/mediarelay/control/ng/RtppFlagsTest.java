package org.mediarelay.control.ng;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RtppFlagsTest {

    private static NgRequest request(String rtppFlags, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        m.put("rtpp_flags", rtppFlags.getBytes(StandardCharsets.ISO_8859_1));
        return NgRequest.of(m);
    }

    @Test
    void rtpp_flags_expand_into_the_keys_they_stand_for() {
        NgRequest r = request("replace-origin  ICE=force-relay strict-source rtcp-mux-demux label=caller "
                + "SIP-source-address replace-session-name address-family=IP6 direction=internal direction=external");
        assertEquals(List.of("origin", "session-name"), r.strings("replace"));
        assertEquals("force-relay", r.requiredString("ICE"));
        assertEquals(List.of("demux"), r.strings("rtcp-mux"));
        assertEquals("caller", r.requiredString("label"));
        assertEquals("IP6", r.requiredString("address-family"));
        assertEquals(List.of("internal", "external"), r.strings("direction"));
        assertEquals(List.of("strict-source", "SIP-source-address"), r.strings("flags"));
    }

    @Test
    void keys_given_outright_win_and_lists_are_joined() {
        NgRequest r = request("ICE=remove replace-origin trust-address",
                "ICE", "default".getBytes(StandardCharsets.US_ASCII),
                "replace", List.of("SDP-version".getBytes(StandardCharsets.US_ASCII)),
                "flags", List.of("fast".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("default", r.requiredString("ICE"));
        assertEquals(List.of("SDP-version", "origin"), r.strings("replace"));
        assertEquals(List.of("fast", "trust-address"), r.strings("flags"));
    }

    @Test
    void flags_are_normalised_and_unknown_or_unsupported_ones_become_warnings() {
        NgFlags f = NgFlags.of(request("SIP_source_address asymmetric frobnicate", "flags",
                List.of("trust address".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(true, f.has("sip-source-address"));
        assertEquals(true, f.has("trust-address"));
        assertEquals(List.of("asymmetric RTP is not supported: the relay latches to where each party sends from",
                "unknown flag 'frobnicate' ignored"), f.warnings());
    }
}
