package org.mediarelay.node.testing;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.mediarelay.node.RelayNode;
import org.mediarelay.node.RelayNodeConfig;
import org.mediarelay.node.api.AllocateRequest;
import org.mediarelay.node.api.AllocateResult;
import org.mediarelay.node.api.NodeEvent;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.PartyHints;
import org.mediarelay.node.api.ReleaseResult;
import org.mediarelay.node.api.StatsResult;
import org.mediarelay.node.api.StreamPorts;
import org.mediarelay.node.api.StreamSetup;
import org.mediarelay.node.api.StreamStats;
import org.mediarelay.node.forward.DataPlane;
import org.mediarelay.node.timer.NodeClock;

/**
 * A real relay node on loopback for a test: its own data plane, a port block, an injected clock, and every event it
 * raised. One stream per session unless a test asks otherwise.
 */
public final class NodeHarness implements AutoCloseable {

    public static final InetAddress RELAY = InetAddress.getLoopbackAddress();

    public final RelayNodeConfig config;
    public final RelayNode node;
    public final List<NodeEvent> events = new CopyOnWriteArrayList<>();
    private final DataPlane plane = new DataPlane(1);

    public NodeHarness(RelayNodeConfig config, NodeClock clock) {
        this.config = config;
        this.node = new RelayNode(config, plane, new SplittableRandom(), clock,
                events::add);
    }

    /** A node on a fresh block of {@code pairs} port pairs with the default policies, on the system clock. */
    public static RelayNodeConfig config(int pairs) {
        return new RelayNodeConfig("node-test", RELAY, RELAY.getHostAddress(), TestPorts.block(pairs), 1,
                Duration.ofSeconds(5));
    }

    public static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public static InetAddress loopback(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public static InetSocketAddress relay(int port) {
        return new InetSocketAddress(RELAY, port);
    }

    /** The ports of stream 0 after {@code party} signalled these hints. */
    public StreamPorts signal(String session, Party party, PartyHints hints) throws Exception {
        AllocateResult r = await(node.allocate(new AllocateRequest(session, "call-" + session, party,
                List.of(new StreamSetup(0, "audio", hints, Map.of())))));
        if (!(r instanceof AllocateResult.Allocated a)) {
            throw new AssertionError("not allocated: " + r);
        }
        return a.streams().get(0);
    }

    /** The ports of stream 0 after {@code party} signalled this setup (its index must be 0). */
    public StreamPorts signal(String session, Party party, StreamSetup setup) throws Exception {
        AllocateResult r = await(node.allocate(new AllocateRequest(session, "call-" + session, party, List.of(setup))));
        if (!(r instanceof AllocateResult.Allocated a)) {
            throw new AssertionError("not allocated: " + r);
        }
        return a.streams().get(0);
    }

    public StreamStats stats(String session) throws Exception {
        return ((StatsResult.Current) await(node.stats(session))).streams().get(0);
    }

    public StreamStats release(String session) throws Exception {
        return ((ReleaseResult.Released) await(node.release(session))).streams().get(0);
    }

    /** Plain RTP hints at one address for RTP and the next port for RTCP. */
    public static PartyHints at(InetSocketAddress rtp) {
        return PartyHints.at(rtp, new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1));
    }

    public <E extends NodeEvent> Optional<E> event(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    @Override
    public void close() throws Exception {
        await(node.closeAll());
        await(plane.shutdown());
    }
}
