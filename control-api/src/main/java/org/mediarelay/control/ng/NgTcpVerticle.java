package org.mediarelay.control.ng;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import org.mediarelay.control.ListenFailure;
import org.mediarelay.control.access.SourceAllowList;
import org.mediarelay.control.config.HostPort;

/**
 * The ng protocol over TCP on the same address as UDP: messages follow each other on the stream without a length
 * prefix, each ending where its dictionary ends. Replies go back on the connection in request order.
 */
public final class NgTcpVerticle extends VerticleBase {

    private final HostPort listen;
    private final NgService service;
    private final SourceAllowList access;
    private NetServer server;

    public NgTcpVerticle(HostPort listen, NgService service, SourceAllowList access) {
        this.listen = listen;
        this.service = service;
        this.access = access;
    }

    @Override
    public Future<?> start() {
        server = vertx.createNetServer(new NetServerOptions().setTcpNoDelay(true));
        server.connectHandler(this::onConnection);
        return server.listen(listen.port(), listen.host())
                .recover(e -> Future.failedFuture(new ListenFailure("ng.listen (TCP)", listen, e)));
    }

    @Override
    public Future<?> stop() {
        return server.close();
    }

    public int actualPort() {
        return server.actualPort();
    }

    private void onConnection(NetSocket socket) {
        String source = socket.remoteAddress().toString();
        if (!access.allows(socket.remoteAddress().host(), NgTransport.TCP.label())) {
            socket.close();
            return;
        }
        NgStreamFramer framer = new NgStreamFramer(NgService.MAX_MESSAGE);
        // Replies are chained so that they leave in request order even when a later command finishes first.
        Future<?>[] last = {Future.succeededFuture()};
        socket.handler(chunk -> {
            NgStreamFramer.Result r = framer.feed(chunk.getBytes());
            for (byte[] message : r.messages()) {
                service.serve(message, NgTransport.TCP, source).ifPresent(reply -> {
                    Future<?> previous = last[0];
                    last[0] = previous.transform(x -> reply).onSuccess(bytes -> socket.write(Buffer.buffer(bytes)));
                });
            }
            if (r.broken()) {
                // The stream cannot be resynchronised: reply to what came, then hang up.
                last[0].onComplete(x -> socket.close());
            }
        });
    }
}
