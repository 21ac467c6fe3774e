package org.mediarelay.control.mediaproxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** One OpenSIPS worker's connection to the dispatcher socket: a request written whole, one CRLF-ended line back. */
final class OpenSipsWorker implements AutoCloseable {

    private final SocketChannel channel;

    OpenSipsWorker(Path socket) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
    }

    /** Writes the request and reads one CRLF-terminated reply line, as an OpenSIPS worker does. */
    String send(String request) throws IOException {
        channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)));
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (true) {
            one.clear();
            if (channel.read(one) < 0) {
                throw new AssertionError("connection closed after '" + line + "'");
            }
            line.write(one.get(0));
            byte[] got = line.toByteArray();
            if (got.length >= 2 && got[got.length - 2] == '\r' && got[got.length - 1] == '\n') {
                return new String(got, 0, got.length - 2, StandardCharsets.ISO_8859_1);
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
