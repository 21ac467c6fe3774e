package org.mediarelay.accounting.sink.radius;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mediarelay.accounting.sink.CdrSink;
import org.mediarelay.accounting.sink.SpooledCdr;

/**
 * CDRs to a RADIUS accounting server (FreeRADIUS, CDRTool's), one Accounting-Request per CDR with the attributes of
 * {@link CdrAttributes}. Up to {@link #WINDOW} requests are in flight; each is sent again after {@code timeout}, up to
 * {@code attempts} times, and a batch succeeds once every request of it was answered by a response that carries the
 * shared secret's signature. A CDR sent twice is an Interim-Update with the same values: harmless to the server.
 * Confined to the Vert.x context it is started on.
 */
public final class RadiusSink implements CdrSink {

    static final int WINDOW = 32;

    private final Vertx vertx;
    private final String host;
    private final int port;
    private final byte[] secret;
    private final Duration timeout;
    private final int attempts;
    private final Map<Integer, Outstanding> outstanding = new HashMap<>();
    private DatagramSocket socket;
    private int nextIdentifier;

    public RadiusSink(Vertx vertx, String host, int port, String secret, Duration timeout, int attempts) {
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("a RADIUS shared secret cannot be empty");
        }
        this.vertx = vertx;
        this.host = host;
        this.port = port;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.timeout = timeout;
        this.attempts = attempts;
    }

    @Override
    public String name() {
        return "radius";
    }

    @Override
    public Future<Void> start() {
        if (socket != null) {
            return Future.succeededFuture();
        }
        boolean v6 = host.contains(":");
        DatagramSocket s = vertx.createDatagramSocket(new DatagramSocketOptions().setIpV6(v6));
        s.handler(p -> onResponse(p.data().getBytes()));
        return s.listen(0, v6 ? "::" : "0.0.0.0").onSuccess(bound -> socket = bound).mapEmpty();
    }

    @Override
    public Future<Void> deliver(List<SpooledCdr> batch) {
        Promise<Void> done = Promise.promise();
        new Round(batch, done).fill();
        return done.future();
    }

    /** One batch: its requests not yet sent, how many are in flight, and whether it already failed. */
    private final class Round {
        private final Deque<SpooledCdr> waiting;
        private final Promise<Void> done;
        private int inFlight;
        private boolean failed;

        Round(List<SpooledCdr> batch, Promise<Void> done) {
            this.waiting = new ArrayDeque<>(batch);
            this.done = done;
        }

        void fill() {
            while (!failed && inFlight < WINDOW && !waiting.isEmpty() && outstanding.size() < 256) {
                send(waiting.poll());
            }
            if (!failed && inFlight == 0 && waiting.isEmpty()) {
                done.tryComplete();
            }
        }

        private void send(SpooledCdr cdr) {
            int id = freeIdentifier();
            byte[] request;
            try {
                request = RadiusPacket.accountingRequest(id, CdrAttributes.of(cdr.record()), secret);
            } catch (RuntimeException e) {
                fail("CDR " + cdr.recordId() + " cannot be sent over RADIUS: " + e.getMessage());
                return;
            }
            inFlight++;
            Outstanding o = new Outstanding(this, request);
            outstanding.put(id, o);
            transmit(id, o);
        }

        void answered() {
            inFlight--;
            fill();
        }

        void fail(String why) {
            failed = true;
            done.tryFail(why);
        }
    }

    /** A request waiting for its response. */
    private static final class Outstanding {
        final Round round;
        final byte[] request;
        int sent;
        long timer = -1;

        Outstanding(Round round, byte[] request) {
            this.round = round;
            this.request = request;
        }
    }

    private void transmit(int id, Outstanding o) {
        if (o.round.failed) {
            outstanding.remove(id);
            return;
        }
        if (o.sent >= attempts) {
            outstanding.remove(id);
            o.round.fail("no answer from RADIUS server " + host + ":" + port + " after " + attempts + " attempts");
            return;
        }
        o.sent++;
        socket.send(Buffer.buffer(o.request), port, host);
        o.timer = vertx.setTimer(timeout.toMillis(), t -> transmit(id, o));
    }

    private void onResponse(byte[] response) {
        int id = RadiusPacket.identifier(response);
        Outstanding o = outstanding.get(id);
        if (o == null || !RadiusPacket.answers(response, o.request, secret)) {
            return; // late, duplicated, or not signed with our secret: ignored
        }
        outstanding.remove(id);
        vertx.cancelTimer(o.timer);
        o.round.answered();
    }

    private int freeIdentifier() {
        while (outstanding.containsKey(nextIdentifier & 0xFF)) {
            nextIdentifier++;
        }
        return nextIdentifier++ & 0xFF;
    }

    @Override
    public Future<Void> close() {
        outstanding.values().forEach(o -> vertx.cancelTimer(o.timer));
        outstanding.clear();
        return socket == null ? Future.succeededFuture() : socket.close();
    }
}
