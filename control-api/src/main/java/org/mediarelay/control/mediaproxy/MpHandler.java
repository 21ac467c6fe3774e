package org.mediarelay.control.mediaproxy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.mediarelay.control.metrics.ControlMetrics;
import org.mediarelay.dispatcher.Dispatcher;
import org.mediarelay.dispatcher.command.CallView;
import org.mediarelay.dispatcher.command.DeleteCommand;
import org.mediarelay.dispatcher.command.DeleteOutcome;
import org.mediarelay.dispatcher.command.Failure;
import org.mediarelay.dispatcher.command.QueryOutcome;
import org.mediarelay.dispatcher.command.StreamsCommand;
import org.mediarelay.dispatcher.command.StreamsOutcome;
import org.mediarelay.dispatcher.signalling.Annotation;
import org.mediarelay.node.api.InterfaceChoice;
import org.mediarelay.node.api.IpLiteral;
import org.mediarelay.node.cluster.NodeRecord;

/**
 * Runs one MediaProxy dispatcher request and returns its one-line reply: for {@code update} the relay address and one
 * port per stream ({@code 0} for a stream not relayed), for {@code remove} {@code removed}, {@code error} for anything
 * that failed (the reason goes to the log: the protocol has no room for it), and one line of JSON for the management
 * commands {@code summary}, {@code sessions} and {@code version}.
 */
public final class MpHandler {

    private static final System.Logger LOG = System.getLogger(MpHandler.class.getName());
    static final String ERROR = "error";

    private final Dispatcher dispatcher;
    private final Clock clock;
    private final ControlMetrics metrics;

    public MpHandler(Dispatcher dispatcher, Clock clock, ControlMetrics metrics) {
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.metrics = metrics;
    }

    Future<String> handle(String text) {
        long start = System.nanoTime();
        String[] command = {"other"};
        return dispatch(text, command).recover(e -> {
            LOG.log(Level.ERROR, "MediaProxy request failed", e);
            return Future.succeededFuture(ERROR);
        }).onSuccess(reply -> metrics.observe("mediaproxy", command[0], reply.equals(ERROR) ? "error" : "ok",
                System.nanoTime() - start));
    }

    private Future<String> dispatch(String text, String[] command) {
        MpRequest r;
        try {
            r = MpRequest.parse(text);
            command[0] = r.command();
            switch (r.command()) {
                case "update":
                    return update(r);
                case "remove":
                    return remove(r);
                case "summary":
                    return Future.succeededFuture(summary());
                case "sessions":
                    return sessions();
                case "version":
                    return Future.succeededFuture(new JsonObject().put("version", version()).encode());
                default:
                    throw new MpRequestException("unknown command '" + r.command() + "'");
            }
        } catch (MpRequestException e) {
            LOG.log(Level.INFO, () -> "MediaProxy request refused: " + e.getMessage());
            return Future.succeededFuture(ERROR);
        }
    }

    /**
     * {@code media_relay} (OpenSIPS' AVP {@code mp_media_relay}, a free string): {@code SENDER,RECEIVER} names the
     * media interfaces facing the party that sent these streams and the other party, as ng's {@code direction};
     * anything else names a preferred relay node (its id or an address), as MediaProxy's dispatcher has it.
     */
    static InterfaceChoice interfaces(String mediaRelay) {
        String[] sides = mediaRelay.split(",", -1);
        if (sides.length != 2) {
            return InterfaceChoice.ANY;
        }
        String sender = sides[0].trim();
        String receiver = sides[1].trim();
        if (sender.isEmpty() || receiver.isEmpty()) {
            throw new MpRequestException("media_relay '" + mediaRelay + "' must be SENDER,RECEIVER interfaces or a "
                    + "relay");
        }
        return new InterfaceChoice(Optional.of(sender), Optional.of(receiver), Optional.empty());
    }

    private Future<String> update(MpRequest r) {
        boolean request = switch (r.required("type")) {
            case "request" -> true;
            case "reply" -> false;
            default -> throw new MpRequestException("type must be request or reply, not '" + r.required("type") + "'");
        };
        Optional<InetAddress> signalling = r.header("signaling_ip").map(ip -> IpLiteral.parse(ip).orElseThrow(() ->
                new MpRequestException("signaling_ip '" + ip + "' is not an IP address")));
        // A request comes from the From party, a reply from the To party: each names its sender's URI first.
        Optional<String> fromUri = r.header("from_uri");
        Optional<String> toUri = r.header("to_uri");
        // dialog_id: OpenSIPS' id of the dialog under engage_media_proxy(), which its management interface takes.
        Annotation annotation = new Annotation(Optional.empty(), Optional.empty(), request ? fromUri : toUri,
                request ? toUri : fromUri, r.header("user_agent"), r.header("dialog_id").filter(d -> !d.isBlank()));
        Optional<String> relay = r.header("media_relay");
        InterfaceChoice interfaces = relay.map(MpHandler::interfaces).orElse(InterfaceChoice.ANY);
        StreamsCommand c = new StreamsCommand(request, r.required("call_id"), r.required("from_tag"),
                r.header("to_tag"), r.header("media").map(MpMedia::parse).orElse(List.of()), signalling,
                annotation, interfaces.any() ? relay : Optional.empty(), interfaces);
        return dispatcher.relay(c).map(outcome -> outcome.relayedOr(relayed -> relayed.relayAddress().isEmpty() ? ERROR
                : relayed.relayAddress() + relayed.ports().stream().map(p -> " " + p).collect(Collectors.joining()),
                f -> {
                    LOG.log(Level.INFO, () -> "MediaProxy update of call " + c.callId() + " refused: " + f.reason());
                    return ERROR;
                }));
    }

    private Future<String> remove(MpRequest r) {
        DeleteCommand c = new DeleteCommand(r.required("call_id"), r.required("from_tag"), r.header("to_tag"));
        return dispatcher.delete(c).map(outcome -> outcome.fold(d -> "removed", branch -> "removed",
                nf -> notRemoved(c, nf.reason()), f -> notRemoved(c, f.reason())));
    }

    private static String notRemoved(DeleteCommand c, String reason) {
        LOG.log(Level.INFO, () -> "MediaProxy remove of call " + c.callId() + ": " + reason);
        return ERROR;
    }

    /** MediaProxy's relay summary: every relay node of the cluster, as each last reported itself. */
    private String summary() {
        JsonArray relays = new JsonArray();
        for (NodeRecord n : dispatcher.nodes().states()) {
            relays.add(MpStatistics.relay(n, version(), clock.instant()));
        }
        return relays.encode();
    }

    /**
     * MediaProxy's session list: every open call, with each stream's counters as its node reports them now (asked of
     * the node, so that any dispatcher answers alike). A call that ends meanwhile is left out.
     */
    private Future<String> sessions() {
        List<Future<Optional<JsonObject>>> each = new ArrayList<>();
        for (CallView s : dispatcher.calls(Integer.MAX_VALUE)) {
            each.add(dispatcher.query(s.callId()).map(q -> q instanceof QueryOutcome.Found f
                    ? Optional.of(MpStatistics.session(f.call(), f.streams(), clock.instant()))
                    : Optional.<JsonObject>empty()));
        }
        return Future.join(each).transform(x -> {
            JsonArray out = new JsonArray();
            for (Future<Optional<JsonObject>> f : each) {
                if (f.succeeded()) {
                    f.result().ifPresent(out::add);
                }
            }
            return Future.succeededFuture(out.encode());
        });
    }

    private static String version() {
        String v = MpHandler.class.getPackage().getImplementationVersion();
        return "mediarelay " + (v == null ? "dev" : v);
    }
}
