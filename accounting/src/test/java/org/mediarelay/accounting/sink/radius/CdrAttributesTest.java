package org.mediarelay.accounting.sink.radius;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mediarelay.accounting.sink.radius.RadiusPacket.Attribute;

class CdrAttributesTest {

    private static JsonObject flow(long packets, long bytes) {
        return new JsonObject().put("packets", packets).put("bytes", bytes);
    }

    private static JsonObject party(long rtpBytes) {
        return new JsonObject().put("rtp", flow(1000, rtpBytes)).put("rtcp", flow(10, 700))
                .put("stun", flow(5, 500));
    }

    private static JsonObject cdr(String reason, JsonArray streams) {
        return new JsonObject().put("version", 1).put("record_id", "rec-1").put("call_id", "call-1@host")
                .put("from_tag", "ft").put("to_tag", "tt").put("node", "relay-a").put("media_address", "192.0.2.10")
                .put("created", "2026-11-21T10:00:00.000Z").put("answered", "2026-11-21T10:00:04.400Z")
                .put("ended", "2026-11-21T10:01:04.600Z").put("reason", reason).put("streams", streams);
    }

    private static Map<Integer, byte[]> byType(List<Attribute> attributes) {
        Map<Integer, byte[]> out = new HashMap<>();
        attributes.forEach(a -> out.put(a.type(), a.value()));
        return out;
    }

    private static long integer(byte[] v) {
        return ByteBuffer.wrap(v).getInt() & 0xFFFF_FFFFL;
    }

    private static String text(byte[] v) {
        return new String(v, StandardCharsets.UTF_8);
    }

    @Test
    void a_cdr_becomes_an_interim_update_that_cdrtool_matches_by_call_id_and_tags_with_talk_time_and_octets() {
        JsonArray streams = new JsonArray().add(new JsonObject().put("media", "audio").put("path", "relayed")
                .put("caller", party(6_000_000_000L)).put("callee", party(172_000)));
        Map<Integer, byte[]> a = byType(CdrAttributes.of(cdr("regular", streams)));
        assertEquals(3, integer(a.get(CdrAttributes.ACCT_STATUS_TYPE)));
        assertEquals("call-1@host", text(a.get(CdrAttributes.ACCT_SESSION_ID)));
        assertEquals("ft", text(a.get(CdrAttributes.SIP_FROM_TAG)));
        assertEquals("tt", text(a.get(CdrAttributes.SIP_TO_TAG)));
        assertEquals("rec-1", text(a.get(CdrAttributes.ACCT_MULTI_SESSION_ID)));
        assertEquals("mediaproxy@default", text(a.get(CdrAttributes.USER_NAME)));
        assertEquals(60, integer(a.get(CdrAttributes.ACCT_SESSION_TIME)), "answer to end, not offer to end");
        assertEquals(4, integer(a.get(CdrAttributes.ACCT_DELAY_TIME)), "the post-dial delay, as MediaProxy sent");
        long callerOctets = 6_000_000_000L + 700;
        assertEquals(callerOctets & 0xFFFF_FFFFL, integer(a.get(CdrAttributes.ACCT_INPUT_OCTETS)));
        assertEquals(callerOctets >>> 32, integer(a.get(CdrAttributes.ACCT_INPUT_GIGAWORDS)), "no 32-bit truncation");
        assertEquals(172_700, integer(a.get(CdrAttributes.ACCT_OUTPUT_OCTETS)));
        assertEquals(0, integer(a.get(CdrAttributes.ACCT_OUTPUT_GIGAWORDS)));
        assertEquals(1010, integer(a.get(CdrAttributes.ACCT_INPUT_PACKETS)));
        assertEquals(List.of((byte) 192, (byte) 0, (byte) 2, (byte) 10), List.of(a.get(CdrAttributes.NAS_IP_ADDRESS)[0],
                a.get(CdrAttributes.NAS_IP_ADDRESS)[1], a.get(CdrAttributes.NAS_IP_ADDRESS)[2],
                a.get(CdrAttributes.NAS_IP_ADDRESS)[3]));
        assertEquals("", text(a.get(CdrAttributes.MEDIA_INFO)));
        assertEquals("audio", text(a.get(CdrAttributes.SIP_APPLICATIONS)));
        assertFalse(a.containsKey(CdrAttributes.SIP_USER_AGENTS), "none known: none sent");
        JsonObject withAgents = cdr("regular", streams).put("user_agents",
                new JsonObject().put("caller", "Blink Pro 5.0").put("callee", "Linphone 5.2"));
        assertEquals("Blink Pro 5.0, Linphone 5.2",
                text(byType(CdrAttributes.of(withAgents)).get(CdrAttributes.SIP_USER_AGENTS)));
        assertEquals(1_795_255_264L, integer(a.get(CdrAttributes.EVENT_TIMESTAMP)));
    }

    @Test
    void media_info_says_timeout_for_dead_media_and_ice_session_when_every_stream_went_direct() {
        JsonArray ice = new JsonArray().add(new JsonObject().put("media", "audio").put("path", "ice-direct")
                .put("caller", party(0)).put("callee", party(0)));
        assertEquals("timeout", text(byType(CdrAttributes.of(cdr("timeout", ice))).get(CdrAttributes.MEDIA_INFO)));
        assertEquals("ICE session",
                text(byType(CdrAttributes.of(cdr("regular", ice))).get(CdrAttributes.MEDIA_INFO)));
    }

    @Test
    void an_unanswered_call_has_no_talk_time_and_an_ipv6_relay_is_a_nas_ipv6_address() {
        JsonObject c = cdr("offer-timeout", new JsonArray()).put("media_address", "2001:db8::10");
        c.remove("answered");
        c.remove("to_tag");
        Map<Integer, byte[]> a = byType(CdrAttributes.of(c));
        assertEquals(0, integer(a.get(CdrAttributes.ACCT_SESSION_TIME)));
        assertEquals(16, a.get(CdrAttributes.NAS_IPV6_ADDRESS).length);
        assertFalse(a.containsKey(CdrAttributes.NAS_IP_ADDRESS));
    }
}
