package org.mediarelay.control.ng;

import io.vertx.core.Future;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mediarelay.accounting.cdr.StreamPath;
import org.mediarelay.accounting.cdr.TerminationReason;
import org.mediarelay.dispatcher.CallTotals;
import org.mediarelay.dispatcher.Dispatcher;
import org.mediarelay.dispatcher.command.DeleteCommand;
import org.mediarelay.dispatcher.command.DeleteOutcome;
import org.mediarelay.dispatcher.command.ErrorCode;
import org.mediarelay.dispatcher.command.Failure;
import org.mediarelay.dispatcher.command.QueryOutcome;
import org.mediarelay.dispatcher.command.SdpCommand;
import org.mediarelay.dispatcher.command.SdpOutcome;
import org.mediarelay.dispatcher.signalling.Annotation;
import org.mediarelay.node.api.IpLiteral;
import org.mediarelay.sdp.AddressType;

/**
 * Runs one ng request against the dispatcher and builds the reply dictionary: {@code ping}, {@code offer},
 * {@code answer}, {@code delete}, {@code query}, {@code list} and {@code statistics}. Transport-agnostic; a malformed
 * request is an {@code error} reply, never a failed future.
 */
public final class NgHandler {

    /** rtpengine's default for {@code list}. */
    static final int DEFAULT_LIST_LIMIT = 32;

    private final Dispatcher dispatcher;
    private final Clock clock;
    private final Instant started;

    public NgHandler(Dispatcher dispatcher, Clock clock) {
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.started = clock.instant();
    }

    /** The reply to {@code r}; {@code full} asks for full statistics (TCP, HTTP), else compact ones (UDP). */
    public Future<Map<String, Object>> handle(NgRequest r, boolean full) {
        try {
            String command = r.command();
            switch (command) {
                case "ping":
                    return Future.succeededFuture(NgReplies.pong());
                case "offer":
                    return sdp(r, SdpCommand.Kind.OFFER);
                case "answer":
                    return sdp(r, SdpCommand.Kind.ANSWER);
                case "delete":
                    return delete(r, full);
                case "query":
                    return query(r, full);
                case "list":
                    return Future.succeededFuture(list(r));
                case "statistics":
                    return Future.succeededFuture(statistics());
                default:
                    return Future.succeededFuture(NgReplies.error("Unrecognized command '" + command + "'"));
            }
        } catch (NgRequestException e) {
            return Future.succeededFuture(NgReplies.error(e.getMessage()));
        }
    }

    private Future<Map<String, Object>> sdp(NgRequest r, SdpCommand.Kind kind) {
        Optional<String> toTag = kind == SdpCommand.Kind.ANSWER ? Optional.of(r.requiredString("to-tag")) : r.string("to-tag");
        NgFlags flags = NgFlags.of(r);
        NgSdpOptions.Parsed options = NgSdpOptions.of(r, flags, kind);
        Optional<InetAddress> receivedFrom = receivedFrom(r);
        Optional<InetAddress> mediaAddress = r.string("media-address").map(a -> IpLiteral.parse(a).orElseThrow(() ->
                new NgRequestException("key 'media-address' is not an IP address: '" + a + "'")));
        if (mediaAddress.isEmpty() && flags.has("sip-source-address")) {
            mediaAddress = receivedFrom;
        }
        Optional<String> family = options.options().interfaces().readerFamily().map(Enum::name);
        Optional<String> label = r.string("label").or(() -> r.string("from-label"));
        SdpCommand c = new SdpCommand(kind, r.requiredString("call-id"), r.requiredString("from-tag"), toTag,
                new String(r.requiredBytes("sdp"), StandardCharsets.ISO_8859_1), receivedFrom, mediaAddress,
                options.options(), new Annotation(label, r.string("metadata")), r.string("relay"),
                r.string("via-branch"), NgSip.of(r));
        List<String> warnings = new ArrayList<>(options.warnings());
        warnings.addAll(flags.warnings());
        warnings.addAll(NgKeys.warnings(r, r.command()));
        boolean loadLimit = r.strings("supports").stream().anyMatch(s -> NgFlags.normalise(s).equals("load-limit"));
        return dispatcher.handle(c).map(outcome -> outcome.rewrittenOr(w -> {
            Map<String, Object> reply = NgReplies.ok("sdp", w.bytes());
            warnings.addAll(w.notes());
            if (!w.mediaAddress().isEmpty()) {
                String relayFamily = AddressType.ofLiteral(w.mediaAddress()).token();
                family.filter(f -> !f.equals(relayFamily)).ifPresent(f -> warnings.add("address family " + f
                        + " not available: the relay's media address " + w.mediaAddress() + " is " + relayFamily));
            }
            return withWarnings(reply, warnings);
        }, f -> loadLimit && (f.code() == ErrorCode.PORTS_EXHAUSTED || f.code() == ErrorCode.NO_NODE)
                ? NgReplies.loadLimit(f.reason()) : NgReplies.error(f.reason())));
    }

    private Future<Map<String, Object>> delete(NgRequest r, boolean full) {
        NgFlags flags = NgFlags.of(r);
        List<String> warnings = new ArrayList<>(flags.warnings());
        warnings.addAll(NgKeys.warnings(r, "delete"));
        r.integer("delete-delay"); // validated; the port pool reuses freed ports last, which is what a delay is for
        Optional<String> toTag = r.string("to-tag");
        // A to-tag or via-branch naming a branch ends that branch (a forked destination that failed); flag to-tag
        // insists on the to-tag's answer alone, even when it was the call's only one (DeleteTarget has the rules).
        DeleteCommand c = new DeleteCommand(r.requiredString("call-id"), r.requiredString("from-tag"), toTag,
                flags.has("to-tag") && toTag.isPresent(), false, r.string("via-branch"));
        return dispatcher.delete(c).map(outcome -> outcome.fold(d -> {
            Map<String, Object> reply = NgReplies.ok();
            if (!flags.has("fast")) {
                reply.putAll(full ? NgCallStats.full(d.call(), d.streams())
                        : NgCallStats.totalsOnly(d.call(), d.streams()));
            }
            return withWarnings(reply, warnings);
        }, branch -> withWarnings(NgReplies.ok(), warnings),
                nf -> flags.has("fatal") ? NgReplies.error(nf.reason()) : NgReplies.ok("warning", nf.reason()),
                f -> NgReplies.error(f.reason())));
    }

    private Future<Map<String, Object>> query(NgRequest r, boolean full) {
        return dispatcher.query(r.requiredString("call-id")).map(outcome -> outcome.fold(found -> {
            Map<String, Object> reply = NgReplies.ok();
            reply.putAll(full ? NgCallStats.full(found.call(), found.streams())
                    : NgCallStats.totalsOnly(found.call(), found.streams()));
            return reply;
        }, nf -> NgReplies.error(nf.reason()), f -> NgReplies.error(f.reason())));
    }

    private Map<String, Object> list(NgRequest r) {
        long limit = r.integer("limit").orElse((long) DEFAULT_LIST_LIMIT);
        if (limit < 0) {
            throw new NgRequestException("key 'limit' must not be negative");
        }
        Map<String, Object> reply = NgReplies.ok();
        reply.put("calls", new ArrayList<Object>(dispatcher.callIds((int) Math.min(limit, Integer.MAX_VALUE))));
        return reply;
    }

    /** rtpengine's {@code currentstatistics} and {@code totalstatistics}, as far as a relay can fill them. */
    private Map<String, Object> statistics() {
        CallTotals.Snapshot t = dispatcher.totals();
        Map<String, Object> current = new LinkedHashMap<>();
        current.put("sessionsown", (long) dispatcher.sessionCount());
        current.put("sessionsforeign", 0L);
        current.put("sessionstotal", (long) dispatcher.sessionCount());
        current.put("transcodedmedia", 0L);
        Map<String, Object> total = new LinkedHashMap<>();
        total.put("uptime", Duration.between(started, clock.instant()).toSeconds());
        total.put("managedsessions", t.endedCalls());
        total.put("rejectedsessions", t.refusedCommands());
        total.put("timeoutsessions", t.ended().get(TerminationReason.TIMEOUT));
        total.put("onholdtimeoutsessions", t.ended().get(TerminationReason.ON_HOLD_TIMEOUT));
        total.put("offertimeoutsessions", t.ended().get(TerminationReason.OFFER_TIMEOUT));
        total.put("maxdurationsessions", t.ended().get(TerminationReason.MAX_DURATION));
        total.put("regularterminatedsessions", t.ended().get(TerminationReason.REGULAR));
        total.put("forcedterminatedsessions", t.ended().get(TerminationReason.SHUTDOWN));
        total.put("relayedpackets", t.packets());
        total.put("relayedbytes", t.bytes());
        total.put("relayedpacketerrors", t.dropped());
        total.put("zerowaystreams", t.streams().get(StreamPath.NO_MEDIA));
        total.put("onewaystreams", t.streams().get(StreamPath.ONE_WAY));
        total.put("icedirectstreams", t.streams().get(StreamPath.ICE_DIRECT));
        total.put("avgcallduration", String.format(Locale.ROOT, "%.6f", t.averageDuration().toNanos() / 1e9));
        Map<String, Object> reply = NgReplies.ok();
        reply.put("currentstatistics", current);
        reply.put("totalstatistics", total);
        return reply;
    }

    private static Map<String, Object> withWarnings(Map<String, Object> reply, List<String> warnings) {
        if (!warnings.isEmpty()) {
            reply.put("warning", String.join("; ", warnings));
        }
        return reply;
    }

    /** {@code received from: ["IP4", "198.51.100.2"]}: the SIP source address of the message. */
    private static Optional<InetAddress> receivedFrom(NgRequest r) {
        List<String> v = r.strings("received-from");
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (v.size() != 2 || !(v.get(0).equals("IP4") || v.get(0).equals("IP6"))) {
            throw new NgRequestException("key 'received-from' must be [\"IP4\"|\"IP6\", address]");
        }
        return Optional.of(IpLiteral.parse(v.get(1)).orElseThrow(() ->
                new NgRequestException("key 'received-from' has no IP address: '" + v.get(1) + "'")));
    }
}
