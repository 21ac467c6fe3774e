package org.mediarelay.control.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mediarelay.dispatcher.command.SdpCommand;
import org.mediarelay.dispatcher.signalling.SipContext;

class RestSdpRequestTest {

    private static final String SDP = "v=0\\r\\nm=audio 4000 RTP/AVP 0\\r\\n";

    private static SdpCommand offer(String json) {
        return RestSdpRequest.read(SdpCommand.Kind.OFFER, "c1", Buffer.buffer(json));
    }

    @Test
    void an_offer_with_its_keys_becomes_the_command() {
        SdpCommand c = offer("{\"from_tag\":\"alice\",\"sdp\":\"" + SDP + "\",\"sip_code\":183,\"label\":\"l\"}");
        assertEquals("c1", c.callId());
        assertEquals("alice", c.fromTag());
        assertEquals(new SipContext(Optional.of(183), Optional.of(true)), c.sip());
    }

    @Test
    void every_malformed_body_is_refused_with_a_reason_that_names_the_problem() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("", "body is required"),
                Map.entry("{", "not a JSON object"),
                Map.entry("[1,2]", "not a JSON object"),
                Map.entry("\"text\"", "not a JSON object"),
                Map.entry("{\"sdp\":\"" + SDP + "\"}", "from_tag is required"),
                Map.entry("{\"from_tag\":7,\"sdp\":\"x\"}", "wrong type"),
                Map.entry("{\"from_tag\":\"a\",\"sdp\":[]}", "wrong type"),
                Map.entry("{\"from_tag\":\"a\",\"sdp\":\"x\",\"replace_origin\":\"yes\"}",
                        "replace_origin must be true or false"),
                Map.entry("{\"from_tag\":\"a\",\"sdp\":\"x\",\"own_version\":1}", "own_version must be true or false"),
                Map.entry("{\"from_tag\":\"a\",\"sdp\":\"x\",\"in_response\":\"true\"}", "in_response must be"),
                Map.entry("{\"from_tag\":\"a\",\"sdp\":\"x\",\"sip_code\":42}", "sip_code"),
                Map.entry("{\"from_tag\":\"a\",\"sdp\":\"x\",\"sip_code\":200.5}", "sip_code"),
                Map.entry("{\"from_tag\":\"a\",\"sdp\":\"x\",\"sip_code\":\"200\"}", "sip_code"),
                Map.entry("{\"from_tag\":\"a\",\"sdp\":\"x\",\"sip_code\":200,\"in_response\":false}", "no response code"),
                Map.entry("{\"from_tag\":\"a\",\"sdp\":\"x\",\"ice\":\"maybe\"}", "ice must be"),
                Map.entry("{\"from_tag\":\"a\",\"sdp\":\"x\",\"received_from\":\"host.example\"}", "not an IP address"),
                Map.entry("{\"from_tag\":\"a\",\"sdp\":\"x\",\"address_family\":\"IP5\"}", "address_family"),
                Map.entry("{\"from_tag\":\"a\",\"sdp\":\"x\",\"endpoint_learning\":\"always\"}", "endpoint_learning"));
        refused.forEach((body, reason) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> offer(body), body);
            assertTrue(e.getMessage().contains(reason), body + " → " + e.getMessage());
        });
    }

    @Test
    void a_null_value_reads_as_if_the_key_were_absent() {
        String nulls = ",\"to_tag\":null,\"replace_origin\":null,\"replace_session_name\":null,"
                + "\"own_version\":null,\"in_response\":null,\"sip_code\":null,\"ice\":null,\"label\":null}";
        SdpCommand c = offer("{\"from_tag\":\"alice\",\"sdp\":\"" + SDP + "\"" + nulls);
        SdpCommand plain = offer("{\"from_tag\":\"alice\",\"sdp\":\"" + SDP + "\"}");
        assertEquals(plain, c);
    }

    @Test
    void an_answer_without_the_answering_tag_is_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RestSdpRequest.read(
                SdpCommand.Kind.ANSWER, "c1", Buffer.buffer("{\"from_tag\":\"a\",\"sdp\":\"x\"}")));
        assertTrue(e.getMessage().contains("to_tag"), e.getMessage());
    }
}
