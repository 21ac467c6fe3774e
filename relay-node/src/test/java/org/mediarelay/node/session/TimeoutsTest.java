package org.mediarelay.node.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mediarelay.node.testing.NodeHarness.loopback;
import static org.mediarelay.node.testing.NodeHarness.relay;

import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mediarelay.node.api.ExpiryReason;
import org.mediarelay.node.api.NodeEvent;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.StreamPorts;
import org.mediarelay.node.testing.ManualClock;
import org.mediarelay.node.testing.NodeHarness;
import org.mediarelay.node.testing.UdpPeer;

/** Session timeouts on the node's timer wheel, driven by a clock the test moves: hours pass in milliseconds. */
class TimeoutsTest {

    private static final TimeoutPolicy POLICY = new TimeoutPolicy(Duration.ofSeconds(60), Duration.ofHours(2),
            Duration.ofMinutes(5), Duration.ofHours(4));

    private final ManualClock clock = new ManualClock();
    private final NodeHarness harness = new NodeHarness(NodeHarness.config(8).withTimeouts(POLICY), clock.nodeClock());
    private final UdpPeer caller = new UdpPeer(loopback(2));
    private final UdpPeer callee = new UdpPeer(loopback(3));

    @AfterEach
    void stop() throws Exception {
        caller.close();
        callee.close();
        harness.close();
    }

    private StreamPorts answered(String session, boolean hold) throws Exception {
        StreamPorts ports = harness.signal(session, Party.CALLER, NodeHarness.at(caller.address()).withHold(hold));
        harness.signal(session, Party.CALLEE, NodeHarness.at(callee.address()).withHold(hold));
        return ports;
    }

    private void expires(String session, ExpiryReason reason) {
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> harness.event(NodeEvent.SessionExpired.class).isPresent());
        assertEquals(new NodeEvent.SessionExpired("node-test", session, "call-" + session, reason),
                harness.event(NodeEvent.SessionExpired.class).orElseThrow());
    }

    private void notYet() {
        Awaitility.await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
                .until(() -> harness.events.isEmpty());
    }

    @Test
    void a_call_without_media_after_the_answer_expires_after_the_no_media_timeout_and_not_before() throws Exception {
        answered("silent", false);
        clock.advance(Duration.ofSeconds(59));
        notYet();
        clock.advance(Duration.ofSeconds(2));
        expires("silent", ExpiryReason.NO_MEDIA);
    }

    @Test
    void media_keeps_a_call_alive_for_as_long_as_it_flows() throws Exception {
        StreamPorts ports = answered("talking", false);
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(30));
            Instant now = clock.nodeClock().instantOf(clock.nodeClock().millis());
            int seq = i;
            // Packets carry the node's last tick time: send until one is stamped with the advanced clock.
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
                caller.send(UdpPeer.rtp(seq, 0xA1), relay(ports.callerFacing().rtp()));
                callee.receive(100);
                return !harness.stats("talking").fromCaller().lastPacket().orElseThrow().isBefore(now);
            });
        }
        notYet();
    }

    @Test
    void a_call_on_hold_gets_the_long_timeout() throws Exception {
        answered("held", true);
        clock.advance(Duration.ofMinutes(30));
        notYet();
        clock.advance(Duration.ofMinutes(91));
        expires("held", ExpiryReason.ON_HOLD_TIMEOUT);
    }

    @Test
    void an_offer_that_no_answer_follows_expires() throws Exception {
        harness.signal("ringing", Party.CALLER, NodeHarness.at(caller.address()));
        clock.advance(Duration.ofMinutes(4));
        notYet();
        clock.advance(Duration.ofMinutes(2));
        expires("ringing", ExpiryReason.OFFER_TIMEOUT);
    }

    @Test
    void the_maximum_duration_ends_any_call_and_the_expiry_is_repeated_until_released() throws Exception {
        answered("long", true);
        clock.advance(Duration.ofHours(4));
        expires("long", ExpiryReason.MAX_DURATION);
        clock.advance(Duration.ofMinutes(1));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> harness.events.size() == 2);
        harness.release("long");
        clock.advance(Duration.ofMinutes(5));
        Awaitility.await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
                .until(() -> harness.events.size() == 2);
    }
}
