package org.mediarelay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
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
import org.mediarelay.node.api.UpdateResult;
import org.mediarelay.node.testing.TestPorts;
import org.mediarelay.node.wire.NodeAddresses;
import org.mediarelay.node.wire.NodeClient;

@ExtendWith(VertxExtension.class)
class NodeVerticleTest {

    private NodeClient client;

    @BeforeEach
    void deploy(Vertx vertx, VertxTestContext ctx) {
        RelayNodeConfig config = new RelayNodeConfig("n1", InetAddress.getLoopbackAddress(), "127.0.0.1",
                TestPorts.block(8), 1, Duration.ofSeconds(5));
        client = new NodeClient(vertx.eventBus(), "n1", Duration.ofSeconds(5));
        vertx.deployVerticle(new NodeVerticle(config, new SplittableRandom())).onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void allocate_and_release_are_served_over_the_event_bus(VertxTestContext ctx) {
        AllocateRequest req = new AllocateRequest("s", "c", Party.CALLER, List.of(new StreamSetup(0, "audio", PartyHints.NONE)));
        client.allocate(req)
                .compose(a -> {
                    ctx.verify(() -> assertEquals("127.0.0.1", assertInstanceOf(AllocateResult.Allocated.class, a).mediaAddress()));
                    return client.release("s");
                })
                .compose(r -> {
                    ctx.verify(() -> assertEquals(1, assertInstanceOf(ReleaseResult.Released.class, r).streams().size()));
                    return client.release("s");
                })
                .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
                    assertEquals(new ReleaseResult.UnknownSession("s"), r);
                    ctx.completeNow();
                })));
    }

    @Test
    void update_and_stats_are_served_over_the_event_bus(VertxTestContext ctx) {
        AllocateRequest req = new AllocateRequest("u", "c", Party.CALLER, List.of(new StreamSetup(0, "audio", PartyHints.NONE)));
        AllocateRequest hold = new AllocateRequest("u", "c", Party.CALLER,
                List.of(new StreamSetup(0, "audio", PartyHints.NONE.withHold(true))));
        AllocateRequest unknown = new AllocateRequest("u", "c", Party.CALLER,
                List.of(new StreamSetup(1, "video", PartyHints.NONE)));
        client.allocate(req)
                .compose(a -> client.update(hold))
                .compose(u -> {
                    ctx.verify(() -> assertEquals(new UpdateResult.Updated(), u));
                    return client.update(unknown);
                })
                .compose(u -> {
                    ctx.verify(() -> assertEquals(new UpdateResult.UnknownStream(1), u));
                    return client.stats("u");
                })
                .compose(st -> {
                    ctx.verify(() -> assertEquals(0, assertInstanceOf(StatsResult.Current.class, st).streams().get(0).index()));
                    return client.stats("nothing");
                })
                .onComplete(ctx.succeeding(st -> ctx.verify(() -> {
                    assertEquals(new StatsResult.UnknownSession("nothing"), st);
                    client.release("u").onComplete(ctx.succeedingThenComplete());
                })));
    }

    @Test
    void a_malformed_request_fails_with_bad_request_and_the_node_keeps_serving(Vertx vertx, VertxTestContext ctx) {
        vertx.eventBus().request(NodeAddresses.control("n1"), new JsonObject().put("v", 1),
                        new DeliveryOptions().addHeader(NodeAddresses.OP_HEADER, "allocate"))
                .onComplete(ctx.failing(e -> ctx.verify(() -> {
                    ReplyException re = assertInstanceOf(ReplyException.class, e);
                    assertEquals(NodeVerticle.BAD_REQUEST, re.failureCode());
                    assertEquals("missing 'streams'", re.getMessage());
                    client.release("nothing").onComplete(ctx.succeeding(r -> ctx.verify(() -> {
                        assertInstanceOf(ReleaseResult.UnknownSession.class, r);
                        ctx.completeNow();
                    })));
                })));
    }

    @Test
    void an_unknown_operation_is_refused(Vertx vertx, VertxTestContext ctx) {
        vertx.eventBus().request(NodeAddresses.control("n1"), new JsonObject(),
                        new DeliveryOptions().addHeader(NodeAddresses.OP_HEADER, "explode"))
                .onComplete(ctx.failing(e -> ctx.verify(() -> {
                    assertEquals(NodeVerticle.BAD_REQUEST, ((ReplyException) e).failureCode());
                    ctx.completeNow();
                })));
    }
}
