package org.mediarelay.control.ng;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.SocketAddress;
import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.util.Map;
import java.util.Optional;
import org.mediarelay.control.ListenErrors;
import org.mediarelay.control.config.HostPort;

/**
 * The ng protocol over UDP, as Kamailio's and OpenSIPS' {@code rtpengine} modules speak it: one request per datagram,
 * the reply sent from the same socket to the request's source.
 */
public final class NgUdpVerticle extends VerticleBase {

    private static final System.Logger LOG = System.getLogger(NgUdpVerticle.class.getName());

    private final HostPort listen;
    private final NgHandler handler;
    private DatagramSocket socket;

    public NgUdpVerticle(HostPort listen, NgHandler handler) {
        this.listen = listen;
        this.handler = handler;
    }

    @Override
    public Future<?> start() {
        socket = vertx.createDatagramSocket(new DatagramSocketOptions()
                .setIpV6(listen.address() instanceof Inet6Address));
        socket.handler(this::onPacket);
        return socket.listen(listen.port(), listen.host())
                .recover(e -> Future.failedFuture(ListenErrors.describe("ng.listen", listen, e)));
    }

    @Override
    public Future<?> stop() {
        return socket.close();
    }

    /** Where the socket is bound (the real port when {@code ng.listen} asked for port 0). */
    public SocketAddress localAddress() {
        return socket.localAddress();
    }

    private void onPacket(DatagramPacket packet) {
        byte[] message = packet.data().getBytes();
        SocketAddress from = packet.sender();
        Optional<byte[]> cookie = NgFrame.cookie(message);
        if (cookie.isEmpty()) {
            LOG.log(Level.DEBUG, () -> "ng datagram without cookie from " + from + " dropped");
            return;
        }
        Future<Map<String, Object>> reply;
        try {
            reply = handler.handle(NgFrame.body(message, cookie.get().length));
        } catch (BencodeException e) {
            reply = Future.succeededFuture(NgReplies.error("invalid bencode: " + e.getMessage()));
        } catch (NgRequestException e) {
            reply = Future.succeededFuture(NgReplies.error(e.getMessage()));
        }
        reply.recover(e -> {
            LOG.log(Level.ERROR, "ng request from " + from + " failed", e);
            return Future.succeededFuture(NgReplies.error("internal error"));
        }).onSuccess(r -> socket.send(Buffer.buffer(NgFrame.reply(cookie.get(), r)), from.port(), from.host())
                .onFailure(e -> LOG.log(Level.WARNING, "ng reply to " + from + " not sent: " + e.getMessage())));
    }
}
