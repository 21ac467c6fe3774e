package org.mediarelay.control.ng;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.stream.IntStream;
import org.mediarelay.control.ListenFailure;
import org.mediarelay.control.access.SourceAllowList;
import org.mediarelay.control.config.HostPort;

/**
 * ng on UDP and TCP at one address, as rtpengine listens. When {@code ng.listen} asks for port 0 the system picks the
 * UDP port, and TCP must take the same number, which another socket may hold for TCP (an outgoing connection's local
 * port, say): then the UDP socket is given up and the pair tried again on a new port, up to {@link #ATTEMPTS} times. A
 * port the operator named is tried once: its failure is theirs to see.
 */
public final class NgListeners {

    static final int ATTEMPTS = 16;

    private final NgUdpVerticle udp;
    private final List<String> deployments;

    private NgListeners(NgUdpVerticle udp, List<String> deployments) {
        this.udp = udp;
        this.deployments = deployments;
    }

    public static Future<NgListeners> deploy(Vertx vertx, HostPort listen, NgService service, SourceAllowList access) {
        int attempts = listen.port() == 0 ? ATTEMPTS : 1;
        return deploy(vertx, listen, service, access, IntStream.generate(listen::port).limit(attempts).iterator());
    }

    /** Tries the UDP ports in turn while TCP finds the previous one's number taken. */
    static Future<NgListeners> deploy(Vertx vertx, HostPort listen, NgService service, SourceAllowList access,
                                      PrimitiveIterator.OfInt udpPorts) {
        NgUdpVerticle udp = new NgUdpVerticle(listen.withPort(udpPorts.nextInt()), service, access);
        return vertx.deployVerticle(udp).compose(udpId -> {
            HostPort bound = listen.withPort(udp.localAddress().port());
            return vertx.deployVerticle(new NgTcpVerticle(bound, service, access))
                    .map(tcpId -> new NgListeners(udp, List.of(udpId, tcpId)))
                    .recover(e -> e instanceof ListenFailure f && f.addressInUse() && udpPorts.hasNext()
                            ? vertx.undeploy(udpId).compose(v -> deploy(vertx, listen, service, access, udpPorts))
                            : vertx.undeploy(udpId).transform(v -> Future.failedFuture(e)));
        });
    }

    /** Where both listen (the real port when {@code ng.listen} asked for port 0). */
    public SocketAddress localAddress() {
        return udp.localAddress();
    }

    /** The UDP and TCP verticles' deployments, to undeploy at shutdown. */
    public List<String> deployments() {
        return deployments;
    }
}
