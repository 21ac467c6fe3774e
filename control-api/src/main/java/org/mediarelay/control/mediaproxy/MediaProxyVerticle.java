package org.mediarelay.control.mediaproxy;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.mediarelay.control.ListenFailure;
import org.mediarelay.control.access.SourceAllowList;
import org.mediarelay.control.config.HostPort;

/**
 * MediaProxy's dispatcher protocol, as OpenSIPS' {@code mediaproxy} module speaks it: on a UNIX stream socket
 * ({@code mediaproxy.socket}) and, when configured, on TCP ({@code mediaproxy.listen}, sources checked against
 * {@code ng.allow}). One persistent connection per OpenSIPS worker, requests answered in order, one line each.
 */
public final class MediaProxyVerticle extends VerticleBase {

    private static final System.Logger LOG = System.getLogger(MediaProxyVerticle.class.getName());

    private final Optional<Path> socketPath;
    private final Optional<HostPort> tcp;
    private final MpHandler handler;
    private final SourceAllowList access;
    private NetServer unixServer;
    private NetServer tcpServer;

    public MediaProxyVerticle(Optional<Path> socketPath, Optional<HostPort> tcp, MpHandler handler,
                              SourceAllowList access) {
        this.socketPath = socketPath;
        this.tcp = tcp;
        this.handler = handler;
        this.access = access;
    }

    @Override
    public Future<?> start() {
        Future<?> unix = socketPath.map(this::listenUnix).orElse(Future.succeededFuture());
        return unix.compose(x -> tcp.map(this::listenTcp).orElse(Future.succeededFuture()));
    }

    private Future<?> listenUnix(Path path) {
        try {
            // A socket file left by a process that died would make bind fail; nothing else may live there.
            Files.deleteIfExists(path);
        } catch (IOException e) {
            return Future.failedFuture("mediaproxy.socket " + path + ": " + e.getMessage());
        }
        unixServer = vertx.createNetServer().connectHandler(s -> serve(s, true));
        return unixServer.listen(SocketAddress.domainSocketAddress(path.toString()))
                .recover(e -> Future.failedFuture("mediaproxy.socket " + path + ": " + e.getMessage()));
    }

    private Future<?> listenTcp(HostPort listen) {
        tcpServer = vertx.createNetServer().connectHandler(s -> serve(s, false));
        return tcpServer.listen(listen.port(), listen.host())
                .recover(e -> Future.failedFuture(new ListenFailure("mediaproxy.listen", listen, e)));
    }

    @Override
    public Future<?> stop() {
        Future<?> a = unixServer == null ? Future.succeededFuture() : unixServer.close();
        Future<?> b = tcpServer == null ? Future.succeededFuture() : tcpServer.close();
        return Future.join(a, b).onComplete(x -> socketPath.ifPresent(p -> {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot remove " + p + ": " + e.getMessage());
            }
        }));
    }

    /** The TCP port, when {@code mediaproxy.listen} asked for port 0. */
    public int tcpPort() {
        return tcpServer == null ? -1 : tcpServer.actualPort();
    }

    private void serve(NetSocket socket, boolean local) {
        if (!local && !access.allows(socket.remoteAddress().host(), "mediaproxy-tcp")) {
            socket.close();
            return;
        }
        MpFramer framer = new MpFramer();
        Future<?>[] last = {Future.succeededFuture()};
        socket.handler(chunk -> {
            MpFramer.Result r = framer.feed(chunk.getBytes());
            for (String request : r.requests()) {
                Future<String> reply = handler.handle(request);
                last[0] = last[0].transform(x -> reply).onSuccess(line ->
                        socket.write(Buffer.buffer(line + "\r\n", StandardCharsets.ISO_8859_1.name())));
            }
            if (r.broken()) {
                last[0].onComplete(x -> socket.close());
            }
        });
    }
}
