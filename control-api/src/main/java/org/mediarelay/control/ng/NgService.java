package org.mediarelay.control.ng;

import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mediarelay.control.metrics.ControlMetrics;

/**
 * ng messages in, reply bytes out, whatever the transport: cookie and framing, bencode or JSON, the reply cache, size
 * limits, and a clear {@code error} for anything malformed.
 */
public final class NgService {

    private static final System.Logger LOG = System.getLogger(NgService.class.getName());

    /** The largest message taken: an offer with many ICE candidates is a few kB; this leaves room, not abuse. */
    public static final int MAX_MESSAGE = 256 * 1024;
    /** UDP replies above this are trimmed: a fragmented reply is lost more often than not (rtpengine #1856). */
    static final int MAX_UDP_REPLY = 1400;
    /** How long a reply is kept for retransmissions: rtpengine keeps them 30 to 60 s. */
    static final Duration REPLY_TTL = Duration.ofSeconds(60);
    static final int MAX_CACHED_REPLIES = 100_000;

    private final NgHandler handler;
    private final NgReplyCache cache;
    private final ControlMetrics metrics;

    public NgService(NgHandler handler, Clock clock, ControlMetrics metrics) {
        this.handler = handler;
        this.cache = new NgReplyCache(clock, REPLY_TTL, MAX_CACHED_REPLIES);
        this.metrics = metrics;
    }

    /** Forgets the cached replies that are too old to be asked for again (see {@link NgReplyCache#forgetExpired}). */
    public void forgetExpiredReplies() {
        cache.forgetExpired();
    }

    /**
     * The reply to one message ({@code COOKIE SP DICT}) from {@code source}; empty when it has no cookie, as there is
     * nothing to reply to.
     */
    public Optional<Future<byte[]>> serve(byte[] message, NgTransport transport, String source) {
        Optional<byte[]> cookie = NgFrame.cookie(message);
        if (cookie.isEmpty()) {
            LOG.log(Level.DEBUG, () -> "ng message without cookie from " + source + " dropped");
            return Optional.empty();
        }
        String key = transport + " " + source + " " + new String(cookie.get(), StandardCharsets.ISO_8859_1);
        return Optional.of(cache.reply(key, () -> run(message, cookie.get(), transport, source)));
    }

    /** {@code POST /ng-plain}: a dictionary without cookie, its reply without one either; nothing is cached. */
    public Future<byte[]> servePlain(byte[] body, String source) {
        return answer(body, 0, NgTransport.HTTP, source);
    }

    private Future<byte[]> run(byte[] message, byte[] cookie, NgTransport transport, String source) {
        return answer(message, cookie.length + 1, transport, source).map(body -> NgFrame.frame(cookie, body));
    }

    /** The encoded reply to the dictionary at {@code data[offset..]}. */
    private Future<byte[]> answer(byte[] data, int offset, NgTransport transport, String source) {
        long start = System.nanoTime();
        NgEncoding encoding = offset < data.length && data[offset] == '{' ? NgEncoding.JSON : NgEncoding.BENCODE;
        Future<Map<String, Object>> reply;
        String command = "other";
        if (data.length > MAX_MESSAGE) {
            reply = Future.succeededFuture(NgReplies.error("message too large: " + data.length + " bytes, at most "
                    + MAX_MESSAGE));
        } else {
            try {
                NgRequest request = NgFrame.request(data, offset);
                command = request.string("command").orElse(command);
                reply = handler.handle(request, transport.fullStatistics());
            } catch (BencodeException e) {
                reply = Future.succeededFuture(NgReplies.error("invalid bencode: " + e.getMessage()));
            } catch (NgRequestException e) {
                reply = Future.succeededFuture(NgReplies.error(e.getMessage()));
            }
        }
        String commandLabel = command;
        return reply.recover(e -> {
            LOG.log(Level.ERROR, "ng request from " + source + " failed", e);
            return Future.succeededFuture(NgReplies.error("internal error"));
        }).map(r -> {
            Object result = r.get("result");
            metrics.observe(transport.label(), commandLabel, result instanceof String s ? s : "other",
                    System.nanoTime() - start);
            byte[] out = encoding.encode(r);
            boolean tooLong = transport == NgTransport.UDP && out.length > MAX_UDP_REPLY;
            return tooLong ? encoding.encode(trimmed(r, encoding)) : out;
        });
    }

    /**
     * A reply cut to fit one datagram: a {@code list} loses call-ids from its end, statistics lose their per-party
     * detail. An SDP is never cut: an offer's reply is as large as the offer, which came in one datagram too.
     */
    private static Map<String, Object> trimmed(Map<String, Object> reply, NgEncoding encoding) {
        if (reply.containsKey("sdp")) {
            return reply;
        }
        Map<String, Object> r = new LinkedHashMap<>(reply);
        String note = "reply trimmed to fit a UDP datagram; ask over TCP or HTTP for all of it";
        r.put("warning", note);
        if (r.get("calls") instanceof List<?> calls) {
            List<Object> kept = new ArrayList<>(calls);
            while (!kept.isEmpty() && encoding.encode(r).length > MAX_UDP_REPLY) {
                kept.remove(kept.size() - 1);
                r.put("calls", new ArrayList<>(kept));
            }
            return r;
        }
        r.remove("tags");
        return r;
    }
}
