package org.mediarelay.dispatcher.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mediarelay.dispatcher.signalling.Annotation;
import org.mediarelay.dispatcher.signalling.RtcpMuxPolicy;
import org.mediarelay.node.api.Party;
import org.mediarelay.sdp.relay.IceMode;
import org.mediarelay.sdp.relay.SdpVersioning;

class CallSessionJsonTest {

    @Test
    void a_session_with_every_field_set_comes_back_equal() {
        Instant t0 = Instant.parse("2026-11-21T10:00:00.123456Z");
        CallSession s = CallSession.offered("s1", "c1@host", "alice", "relay-a", t0)
                .answeredBy("bob", "203.0.113.5", t0.plusSeconds(2))
                .withSent(Party.CALLEE, new SdpVersioning.Sent("d1g3st", new BigInteger("18446744073709551617")))
                .signalled(Party.CALLER, t0.plusSeconds(3), new Annotation(Optional.of("in"), Optional.of("m=1"),
                        Optional.of("sip:alice@example.com"), Optional.of("sip:bob@example.com"),
                        Optional.of("Blink Pro 5.0"), Optional.of("5471788335113")))
                .withSdp(Party.CALLEE, List.of(new StreamSdp(0, Optional.of("[2001:db8::1]:5000"), List.of("PCMU/8000")),
                        new StreamSdp(1, Optional.empty(), List.of())))
                .withTerms(CallTerms.NONE.withAlias("alice-b2bua", Party.CALLER).withIce(IceMode.REMOVE)
                        .withOffer(new CallTerms.OfferTerms(Party.CALLER, Map.of(0, true, 1, false),
                                RtcpMuxPolicy.Back.ACCEPT)));
        s = s.withBranches(s.branches().withVia(0, "z9hG4bK-1").added("s1-b2", "z9hG4bK-2").answered(1, "bob-2"));
        assertEquals(s, CallSessionJson.decode(CallSessionJson.encode(s)));
        assertEquals("sip:bob@example.com", s.annotations().uris().get(Party.CALLEE), "the peer's URI goes to the peer");
        assertEquals(Optional.of("5471788335113"), s.annotations().dialogId(), "kept for the proxy's dialog end");
    }

    @Test
    void a_session_stored_before_uris_user_agents_and_sdp_facts_existed_still_reads() {
        CallSession s = CallSession.offered("s3", "c3", "dave", "relay-c", Instant.parse("2026-11-21T10:00:00Z"));
        JsonObject older = CallSessionJson.encode(s);
        older.remove("uris");
        older.remove("user_agents");
        older.remove("sdp");
        assertEquals(s, CallSessionJson.decode(older));
    }

    @Test
    void a_session_stored_before_terms_and_branches_existed_reads_as_one_branch_answered_by_its_callee() {
        CallSession s = CallSession.offered("s4", "c4", "erin", "relay-d", Instant.parse("2026-11-21T10:00:00Z"))
                .answeredBy("frank", "203.0.113.5", Instant.parse("2026-11-21T10:00:01Z"));
        JsonObject older = CallSessionJson.encode(s);
        older.remove("terms");
        older.remove("branches");
        CallSession read = CallSessionJson.decode(older);
        assertEquals(s, read);
        assertEquals(List.of("frank"), read.branches().active().tags());
    }

    @Test
    void a_fresh_offer_without_answer_comes_back_equal() {
        CallSession s = CallSession.offered("s2", "c2", "carol", "relay-b", Instant.parse("2026-11-21T10:00:00Z"));
        assertEquals(s, CallSessionJson.decode(CallSessionJson.encode(s)));
    }
}
