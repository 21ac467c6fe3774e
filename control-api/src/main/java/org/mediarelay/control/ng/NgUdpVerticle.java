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
import org.mediarelay.control.ListenFailure;
import org.mediarelay.control.access.SourceAllowList;
import org.mediarelay.control.config.HostPort;

/**
 * The ng protocol over UDP, as Kamailio's and OpenSIPS' {@code rtpengine} modules speak it: one request per datagram,
 * the reply sent from the same socket to the request's source.
 */
public final class NgUdpVerticle extends VerticleBase {

    private static final System.Logger LOG = System.getLogger(NgUdpVerticle.class.getName());

    private final HostPort listen;
    private final NgService service;
    private final SourceAllowList access;
    private DatagramSocket socket;

    public NgUdpVerticle(HostPort listen, NgService service, SourceAllowList access) {
        this.listen = listen;
        this.service = service;
        this.access = access;
    }

    @Override
    public Future<?> start() {
        // No setReceiveBufferSize here: Vert.x would also read every datagram into a buffer of that size (a 4 MiB
        // SO_RCVBUF cost 60 % more CPU per call; BENCHMARKS.md, ng control latency).
        socket = vertx.createDatagramSocket(new DatagramSocketOptions()
                .setIpV6(listen.address() instanceof Inet6Address));
        socket.handler(this::onPacket);
        return socket.listen(listen.port(), listen.host())
                .recover(e -> Future.failedFuture(new ListenFailure("ng.listen", listen, e)));
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
        SocketAddress from = packet.sender();
        if (!access.allows(from.host(), NgTransport.UDP.label())) {
            return;
        }
        service.serve(packet.data().getBytes(), NgTransport.UDP, from.toString()).ifPresent(reply -> reply
                .onSuccess(r -> socket.send(Buffer.buffer(r), from.port(), from.host())
                        .onFailure(e -> LOG.log(Level.WARNING, "ng reply to " + from + " not sent: " + e.getMessage()))));
    }
}
