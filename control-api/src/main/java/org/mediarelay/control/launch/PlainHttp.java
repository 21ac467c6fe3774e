package org.mediarelay.control.launch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 request over a plain socket, for the command line: what {@code java.net.http.HttpClient} does for it,
 * without the second of class loading and threads that client costs a short-lived JVM (BENCHMARKS.md, Command line).
 * The REST API answers with a length or closes the connection; chunked bodies are read too.
 */
final class PlainHttp {

    /** A status code and the body as text. */
    record Response(int status, String body) {
    }

    private PlainHttp() {
    }

    /**
     * @param token a bearer token, or null
     * @throws IOException when the server cannot be reached or answers with something that is not HTTP
     */
    static Response send(String method, String host, int port, String path, String token, int timeoutMillis)
            throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), Math.min(timeoutMillis, 3000));
            s.setSoTimeout(timeoutMillis);
            StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host.indexOf(':') >= 0 ? "[" + host + "]" : host).append(':').append(port)
                    .append("\r\nAccept: application/json\r\nConnection: close\r\nContent-Length: 0\r\n");
            if (token != null) {
                request.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            OutputStream out = s.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(s.getInputStream());
        } catch (SocketTimeoutException e) {
            throw new IOException("no answer within " + timeoutMillis + " ms", e);
        }
    }

    static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: '" + statusLine + "'");
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status: '" + statusLine + "'");
        }
        long length = -1;
        boolean chunked = false;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            String name = colon < 0 ? h : h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : h.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body;
        if (chunked) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (long size = chunkSize(line(in)); size > 0; size = chunkSize(line(in))) {
                all.write(exactly(in, size));
                line(in);
            }
            body = all.toByteArray();
        } else {
            body = length >= 0 ? exactly(in, length) : in.readAllBytes();
        }
        return new Response(status, new String(body, StandardCharsets.UTF_8));
    }

    private static long chunkSize(String line) throws IOException {
        try {
            int semi = line.indexOf(';');
            return Long.parseLong((semi < 0 ? line : line.substring(0, semi)).trim(), 16);
        } catch (NumberFormatException e) {
            throw new IOException("bad chunk size '" + line + "'");
        }
    }

    private static byte[] exactly(InputStream in, long n) throws IOException {
        if (n > 64L << 20) {
            throw new IOException("a body of " + n + " bytes is more than the command line reads");
        }
        byte[] b = in.readNBytes((int) n);
        if (b.length < n) {
            throw new IOException("the connection closed after " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    /** One line without its CRLF; the headers are ISO-8859-1. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the connection closed in the middle of the response");
            }
            if (b.size() > 16_384) {
                throw new IOException("a header line longer than 16 kB");
            }
            b.write(c);
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
