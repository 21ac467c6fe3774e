package org.mediarelay.dispatcher;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.mediarelay.accounting.Accounting;
import org.mediarelay.accounting.cdr.Cdr;
import org.mediarelay.accounting.cdr.CdrJson;
import org.mediarelay.dispatcher.command.DeleteCommand;
import org.mediarelay.dispatcher.command.DeleteOutcome;
import org.mediarelay.dispatcher.command.Failure;
import org.mediarelay.dispatcher.command.SdpCommand;
import org.mediarelay.dispatcher.command.SdpOutcome;
import org.mediarelay.dispatcher.session.CallSerializer;
import org.mediarelay.dispatcher.session.InMemorySessionStore;
import org.mediarelay.node.NodeVerticle;
import org.mediarelay.node.RelayNodeConfig;
import org.mediarelay.node.api.IpLiteral;
import org.mediarelay.node.port.PortRange;
import org.mediarelay.node.testing.TestPorts;
import org.mediarelay.node.wire.NodeClient;

/**
 * A real relay node (on the event bus, as another process's node would be reached) behind a dispatcher with a real
 * CDR journal: what the dispatcher's tests talk to.
 */
final class DispatcherHarness implements AutoCloseable {

    final Dispatcher dispatcher;
    final Accounting accounting;
    final PortRange ports;
    final TestClock clock = new TestClock(Instant.parse("2026-11-21T10:00:00Z"));

    private DispatcherHarness(Vertx vertx, Path data, PortRange ports, String nodeId, InetAddress address,
                              DialogEnder dialogs) throws Exception {
        this.ports = ports;
        RelayNodeConfig config = new RelayNodeConfig(nodeId, address, IpLiteral.text(address), ports, 1,
                Duration.ofSeconds(5));
        await(vertx.deployVerticle(new NodeVerticle(config, new SplittableRandom())));
        accounting = Accounting.open(vertx, data.resolve("cdr"));
        dispatcher = new Dispatcher(new SingleNode(new NodeClient(vertx.eventBus(), nodeId, Duration.ofSeconds(5))),
                new InMemorySessionStore(), new CallSerializer(), accounting, clock, new SplittableRandom(1), dialogs);
    }

    /** A node on 127.0.0.1 with 16 port pairs. */
    static DispatcherHarness start(Vertx vertx, Path data) throws Exception {
        return start(vertx, data, DialogEnder.NONE);
    }

    /** The same, asking {@code dialogs} to end the dialogs of calls the relay ends on its own. */
    static DispatcherHarness start(Vertx vertx, Path data, DialogEnder dialogs) throws Exception {
        return new DispatcherHarness(vertx, data, TestPorts.block(16), "n1", InetAddress.getLoopbackAddress(),
                dialogs);
    }

    /** A node of its own id that relays on {@code address} (say {@code ::1}). */
    static DispatcherHarness start(Vertx vertx, Path data, String nodeId, InetAddress address) throws Exception {
        return new DispatcherHarness(vertx, data, TestPorts.block(16), nodeId, address, DialogEnder.NONE);
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    SdpOutcome.Rewritten rewritten(SdpCommand c) throws Exception {
        return assertInstanceOf(SdpOutcome.Rewritten.class, await(dispatcher.handle(c)));
    }

    String sdp(SdpCommand c) throws Exception {
        return rewritten(c).text();
    }

    Failure failure(SdpCommand c) throws Exception {
        return assertInstanceOf(Failure.class, await(dispatcher.handle(c)));
    }

    DeleteOutcome delete(DeleteCommand c) throws Exception {
        return await(dispatcher.delete(c));
    }

    /** The CDRs written so far, in file order (the test clock's day: one file). */
    List<Cdr> cdrsOnDisk() throws Exception {
        return Files.readAllLines(accounting.dir().resolve("cdr-2026-11-21.jsonl")).stream()
                .map(l -> CdrJson.decode(new JsonObject(l))).toList();
    }

    @Override
    public void close() throws Exception {
        await(accounting.close());
    }
}
