package org.mediarelay.control.ng;

import io.vertx.core.Future;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mediarelay.dispatcher.Dispatcher;
import org.mediarelay.dispatcher.command.DeleteCommand;
import org.mediarelay.dispatcher.command.DeleteOutcome;
import org.mediarelay.dispatcher.command.Failure;
import org.mediarelay.dispatcher.command.SdpCommand;
import org.mediarelay.dispatcher.command.SdpOutcome;
import org.mediarelay.node.api.IpLiteral;

/** Runs one ng request against the dispatcher and builds the reply dictionary. Transport-agnostic. */
public final class NgHandler {

    private final Dispatcher dispatcher;

    public NgHandler(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** The reply; a malformed request is an {@code error} reply, never a failed future. */
    public Future<Map<String, Object>> handle(NgRequest r) {
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
                    return delete(r);
                default:
                    return Future.succeededFuture(NgReplies.error("Unrecognized command '" + command + "'"));
            }
        } catch (NgRequestException e) {
            return Future.succeededFuture(NgReplies.error(e.getMessage()));
        }
    }

    private Future<Map<String, Object>> sdp(NgRequest r, SdpCommand.Kind kind) {
        Optional<String> toTag = kind == SdpCommand.Kind.ANSWER ? Optional.of(r.requiredString("to-tag")) : r.string("to-tag");
        NgSdpOptions.Parsed options = NgSdpOptions.of(r);
        SdpCommand c = new SdpCommand(kind, r.requiredString("call-id"), r.requiredString("from-tag"), toTag,
                new String(r.requiredBytes("sdp"), StandardCharsets.ISO_8859_1), receivedFrom(r), options.options());
        return dispatcher.handle(c).map(outcome -> {
            if (outcome instanceof SdpOutcome.Rewritten w) {
                Map<String, Object> reply = NgReplies.ok("sdp", w.bytes());
                options.warning().ifPresent(warning -> reply.put("warning", warning));
                return reply;
            }
            return NgReplies.error(((Failure) outcome).reason());
        });
    }

    private Future<Map<String, Object>> delete(NgRequest r) {
        DeleteCommand c = new DeleteCommand(r.requiredString("call-id"), r.requiredString("from-tag"), r.string("to-tag"));
        return dispatcher.delete(c).map(outcome -> {
            if (outcome instanceof DeleteOutcome.Deleted) {
                return NgReplies.ok();
            }
            if (outcome instanceof DeleteOutcome.NotFound nf) {
                return NgReplies.ok("warning", nf.reason());
            }
            return NgReplies.error(((Failure) outcome).reason());
        });
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
