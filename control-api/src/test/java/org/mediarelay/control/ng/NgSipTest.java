package org.mediarelay.control.ng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mediarelay.dispatcher.signalling.SipContext;

class NgSipTest {

    private static NgRequest request(Object... keyValues) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("command", b("answer"));
        for (int i = 0; i < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            raw.put((String) keyValues[i], v instanceof String s ? b(s) : v);
        }
        return NgRequest.of(raw);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void every_spelling_rtpengine_takes_gives_the_response_code_of_a_reply() {
        for (String key : List.of("sip-code", "sip_code", "SIP-code", "SIP_code", "sip code", "sip-response-code",
                "SIP_response_code", "SIP response code")) {
            assertEquals(new SipContext(Optional.of(183), Optional.of(true)), NgSip.of(request(key, 183L)), key);
        }
        assertEquals(Optional.of(200), NgSip.of(request("sip-code", "200")).code(), "a code as a string");
    }

    @Test
    void a_script_passes_them_as_flags_items_and_they_are_not_unknown_flags() {
        NgRequest r = request("flags", List.of(b("SIP-code=183"), b("trust-address")));
        assertEquals(new SipContext(Optional.of(183), Optional.of(true)), NgSip.of(r));
        assertEquals(List.of(), NgFlags.of(r).warnings());
        assertEquals(new SipContext(Optional.empty(), Optional.of(false)),
                NgSip.of(request("flags", List.of(b("sip-message-type=sip-request")))));
    }

    @Test
    void the_message_type_says_request_or_reply() {
        assertEquals(Optional.of(true), NgSip.of(request("sip_message_type", "reply")).inResponse());
        assertEquals(Optional.of(true), NgSip.of(request("SIP-message-type", "SIP-response")).inResponse());
        assertEquals(Optional.of(false), NgSip.of(request("sip-message-type", "request")).inResponse());
        assertEquals(SipContext.NONE, NgSip.of(request()));
    }

    @Test
    void what_is_not_a_code_or_a_message_type_is_an_error_that_says_so() {
        assertTrue(assertThrows(NgRequestException.class, () -> NgSip.of(request("sip-code", 99L))).getMessage()
                .contains("must be a SIP response code (100 to 699), not '99'"));
        assertTrue(assertThrows(NgRequestException.class, () -> NgSip.of(request("flags",
                List.of(b("sip-code=OK"))))).getMessage().contains("not 'OK'"));
        assertTrue(assertThrows(NgRequestException.class, () -> NgSip.of(request("sip-message-type", "notify")))
                .getMessage().contains("must be 'request' or 'reply'"));
        assertTrue(assertThrows(NgRequestException.class, () -> NgSip.of(request("sip-code", 200L,
                "sip-message-type", "request"))).getMessage().contains("a SIP request has no response code"));
    }
}
