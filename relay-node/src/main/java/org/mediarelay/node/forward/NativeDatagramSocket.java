package org.mediarelay.node.forward;

import io.netty.channel.ChannelException;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;

/**
 * A native datagram socket of the bind address's own family, made and bound on the calling thread: what an
 * {@link EpollSocket} reads and writes, or the file descriptor an io_uring channel takes over. A subclass only to
 * reach Netty's family-specific {@code socket()} call.
 */
final class NativeDatagramSocket extends Socket {

    private NativeDatagramSocket(int fd) {
        super(fd);
    }

    /**
     * The bound socket; on failure nothing stays open. A socket that cannot be made at all is a
     * {@link SocketOpenException}, one that cannot be bound an {@link IOException}.
     */
    static Socket bound(InetSocketAddress local, int bufferBytes) throws IOException {
        SocketProtocolFamily family = local.getAddress() instanceof Inet4Address
                ? SocketProtocolFamily.INET : SocketProtocolFamily.INET6;
        int fd;
        try {
            fd = newSocketDgram0(family);
        } catch (ChannelException e) {
            throw new SocketOpenException(e.getCause() != null ? e.getCause() : e);
        }
        Socket socket = new NativeDatagramSocket(fd);
        try {
            socket.setReceiveBufferSize(bufferBytes);
            socket.setSendBufferSize(bufferBytes);
            socket.bind(local);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }
}
