package org.mediarelay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mediarelay.node.api.AllocateRequest;
import org.mediarelay.node.api.AllocateResult;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.PartyHints;
import org.mediarelay.node.api.ReleaseResult;
import org.mediarelay.node.api.StatsResult;
import org.mediarelay.node.api.StreamSetup;
import org.mediarelay.node.forward.DataPlane;
import org.mediarelay.node.port.PortRange;
import org.mediarelay.node.testing.BusyLoop;
import org.mediarelay.node.testing.TestPorts;

@ExtendWith(VertxExtension.class)
class LocalNodeTest {

    private NodeVerticle verticle;

    @BeforeEach
    void deploy(Vertx vertx, VertxTestContext ctx) {
        RelayNodeConfig config = new RelayNodeConfig("n1", InetAddress.getLoopbackAddress(), "127.0.0.1",
                TestPorts.block(8), 1, Duration.ofSeconds(5));
        verticle = new NodeVerticle(config, new SplittableRandom());
        vertx.deployVerticle(verticle).onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void results_come_back_on_the_callers_own_context_with_the_values_a_remote_node_gives(Vertx vertx,
                                                                                          VertxTestContext ctx) {
        LocalNode node = new LocalNode("n1", verticle.node(), Duration.ofSeconds(5));
        AllocateRequest req = new AllocateRequest("s", "c", Party.CALLER, List.of(new StreamSetup(0, "audio", PartyHints.NONE)));
        Context caller = vertx.getOrCreateContext();
        caller.runOnContext(v -> node.allocate(req)
                .compose(a -> {
                    ctx.verify(() -> {
                        assertSame(caller, Vertx.currentContext(), "the allocation's result runs on the caller's context");
                        assertEquals("127.0.0.1", assertInstanceOf(AllocateResult.Allocated.class, a).mediaAddress());
                    });
                    return node.stats("s");
                })
                .compose(st -> {
                    ctx.verify(() -> {
                        assertSame(caller, Vertx.currentContext());
                        assertEquals(1, assertInstanceOf(StatsResult.Current.class, st).streams().size());
                    });
                    return node.release("s");
                })
                .compose(r -> {
                    ctx.verify(() -> {
                        assertSame(caller, Vertx.currentContext());
                        assertEquals(1, assertInstanceOf(ReleaseResult.Released.class, r).streams().size());
                    });
                    return node.release("s");
                })
                .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
                    assertEquals(new ReleaseResult.UnknownSession("s"), r);
                    ctx.completeNow();
                }))));
    }

    @Test
    void a_new_sessions_ports_come_back_while_its_loop_is_busy_and_what_needs_the_loop_fails_on_the_timeout(
            Vertx vertx, VertxTestContext ctx) {
        DataPlane plane = new DataPlane(1);
        PortRange range = TestPorts.block(8);
        RelayNode stuck = new RelayNode(new RelayNodeConfig("n2", InetAddress.getLoopbackAddress(), "127.0.0.1", range, 1,
                Duration.ofSeconds(5)), plane, new SplittableRandom());
        BusyLoop busy = new BusyLoop(plane.loops().get(0));
        LocalNode node = new LocalNode("n2", stuck, Duration.ofMillis(300));
        AllocateRequest req = new AllocateRequest("t", "c", Party.CALLER, List.of(new StreamSetup(0, "audio", PartyHints.NONE)));
        vertx.getOrCreateContext().runOnContext(v -> node.allocate(req)
                .compose(a -> {
                    ctx.verify(() -> assertEquals(1,
                            assertInstanceOf(AllocateResult.Allocated.class, a).streams().size()));
                    return node.stats("t");
                })
                .onComplete(ar -> {
                    busy.close();
                    ctx.verify(() -> assertInstanceOf(TimeoutException.class, ar.cause(), "the request failed on its timeout"));
                    plane.shutdown().whenComplete((x, e) -> ctx.completeNow());
                }));
    }
}
