package org.mediarelay.dispatcher;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.mediarelay.accounting.Accounting;
import org.mediarelay.accounting.cdr.TerminationReason;
import org.mediarelay.dispatcher.cluster.RelayNodes;
import org.mediarelay.dispatcher.command.CallView;
import org.mediarelay.dispatcher.command.DeleteCommand;
import org.mediarelay.dispatcher.command.DeleteOutcome;
import org.mediarelay.dispatcher.command.ErrorCode;
import org.mediarelay.dispatcher.command.Failure;
import org.mediarelay.dispatcher.command.QueryOutcome;
import org.mediarelay.dispatcher.command.SdpCommand;
import org.mediarelay.dispatcher.command.SdpOutcome;
import org.mediarelay.dispatcher.command.StreamsCommand;
import org.mediarelay.dispatcher.command.StreamsOutcome;
import org.mediarelay.dispatcher.session.CallLock;
import org.mediarelay.dispatcher.session.CallSerializer;
import org.mediarelay.dispatcher.session.CallSession;
import org.mediarelay.dispatcher.session.SessionStore;
import org.mediarelay.dispatcher.signalling.SipContext;
import org.mediarelay.node.api.AllocateRequest;
import org.mediarelay.node.api.AllocateResult;
import org.mediarelay.node.api.InterfaceChoice;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.StatsResult;
import org.mediarelay.node.api.StreamPorts;
import org.mediarelay.node.api.StreamSetup;
import org.mediarelay.sdp.SdpLimits;
import org.mediarelay.sdp.SdpParser;
import org.mediarelay.sdp.SdpSyntaxException;
import org.mediarelay.sdp.SessionDescription;
import org.mediarelay.sdp.relay.RelayEndpoint;
import org.mediarelay.sdp.relay.SdpMangler;
import org.mediarelay.sdp.relay.SdpVersioning;

/**
 * Turns offers, answers and deletes into relay-node operations and SDP rewrites, and ends sessions with a CDR.
 *
 * <p>Every operation on one call runs after the previous one on that call has finished ({@link CallLock});
 * expected failures are {@link org.mediarelay.dispatcher.command.Failure} outcomes, never failed futures.
 */
public final class Dispatcher {

    private final RelayNodes nodes;
    private final SessionStore store;
    private final Accounting accounting;
    private final Clock clock;
    private final SdpParser parser = new SdpParser(SdpLimits.DEFAULT);
    private final CallLock serializer;
    private final CallTotals totals = new CallTotals();
    private final Endings endings;
    private final Landings landings;
    private final NodeReports reports;

    public Dispatcher(RelayNodes nodes, SessionStore store, Accounting accounting, Clock clock, RandomGenerator random) {
        this(nodes, store, new CallSerializer(), accounting, clock, random, DialogEnder.NONE);
    }

    /**
     * @param lock    serialises the operations on one call (across dispatchers when they share {@code store})
     * @param dialogs asks the proxy to end the dialog of a call the relay ended on its own
     */
    public Dispatcher(RelayNodes nodes, SessionStore store, CallLock lock, Accounting accounting, Clock clock,
                      RandomGenerator random, DialogEnder dialogs) {
        this.serializer = lock;
        this.nodes = nodes;
        this.store = store;
        this.accounting = accounting;
        this.clock = clock;
        this.endings = new Endings(nodes, store, lock, accounting, clock, totals, dialogs);
        this.landings = new Landings(nodes, store, clock, random);
        this.reports = new NodeReports(nodes, store, lock, endings);
    }

    /** An offer or an answer: allocates or keeps the relay ports of its streams and returns the rewritten SDP. */
    public Future<SdpOutcome> handle(SdpCommand command) {
        return serializer.run(command.callId(), () -> rewrite(command)).recover(this::refusal);
    }

    /** A {@link Refused} command as its {@link Failure} outcome, counted; anything else stays a failed future. */
    private <T> Future<T> refusal(Throwable e) {
        if (e instanceof Refused r) {
            totals.refused(r.failure().code());
            @SuppressWarnings("unchecked")
            T failure = (T) r.failure();
            return Future.succeededFuture(failure);
        }
        return Future.failedFuture(e);
    }

    /** Ends the call, or the branch of it that the delete names ({@link DeleteTarget}). */
    public Future<DeleteOutcome> delete(DeleteCommand command) {
        return serializer.<DeleteOutcome>run(command.callId(), () -> {
            Optional<CallSession> found = store.get(command.callId());
            DeleteTarget target = found.map(s -> DeleteTarget.of(s, command)).orElse(new DeleteTarget.None());
            if (target instanceof DeleteTarget.None) {
                return Future.succeededFuture(new DeleteOutcome.NotFound("Call-ID not found or tags didn't match"));
            }
            CallSession s = found.get();
            if (target instanceof DeleteTarget.Tag t) {
                store.put(s.withBranches(s.branches().withoutTag(t.branch(), t.tag())));
                return Future.succeededFuture(new DeleteOutcome.BranchDeleted(t.tag()));
            }
            if (target instanceof DeleteTarget.Branch b) {
                return endings.endBranch(s, b.index()).map(v -> new DeleteOutcome.BranchDeleted(b.named()));
            }
            return endings.end(s, command.forced() ? TerminationReason.FORCED : TerminationReason.REGULAR)
                    .map(ended -> new DeleteOutcome.Deleted(ended.cdr(), CallView.of(s), ended.streams()));
        }).recover(this::refusal);
    }

    /** The call's session and its counters now, as its node reports them. */
    public Future<QueryOutcome> query(String callId) {
        Optional<CallSession> session = store.get(callId);
        if (session.isEmpty()) {
            return Future.succeededFuture(new QueryOutcome.NotFound("Unknown call-id '" + callId + "'"));
        }
        CallSession s = session.get();
        return nodes.byId(s.nodeId())
                .map(node -> node.stats(s.branches().active().nodeSession())
                        .<QueryOutcome>map(r -> new QueryOutcome.Found(CallView.of(s),
                                r instanceof StatsResult.Current c ? c.streams() : List.of()))
                        .recover(e -> Future.succeededFuture(new Failure(ErrorCode.NODE_UNAVAILABLE,
                                "relay node " + s.nodeId() + " did not answer: " + e.getMessage()))))
                .orElseGet(() -> Future.succeededFuture(new QueryOutcome.Found(CallView.of(s), List.of())));
    }

    /** The call-ids of open sessions, at most {@code limit}, oldest first. */
    public List<String> callIds(int limit) {
        return sessions().stream().limit(Math.max(0, limit)).map(CallSession::callId).toList();
    }

    /** The open calls, oldest first, at most {@code limit}. */
    public List<CallView> calls(int limit) {
        return sessions().stream().limit(Math.max(0, limit)).map(CallView::of).toList();
    }

    /** The open sessions, oldest first. */
    List<CallSession> sessions() {
        return store.all().stream().sorted(Comparator.comparing(CallSession::created)).toList();
    }

    /** What ended calls and refused commands add up to since start. */
    public CallTotals.Snapshot totals() {
        return totals.snapshot();
    }

    /** Ends every session (shutdown), each with its CDR. Completes when all are written or failed. */
    public Future<Void> closeAll(TerminationReason reason) {
        return endings.endEach(s -> true, s -> endings.end(s, reason));
    }

    /**
     * Ends every call this dispatcher has on the node, each with its CDR ({@code reason}); the node is asked to
     * release them as usual. For a drain whose deadline passed.
     */
    public Future<Void> endCallsOn(String nodeId, TerminationReason reason) {
        return endings.endEach(s -> s.nodeId().equals(nodeId), s -> endings.end(s, reason));
    }

    public int sessionCount() {
        return store.size();
    }

    /**
     * Parses the SDP, has the node allocate (or keep) the ports of the streams it carries, and mangles the SDP for
     * the party that will read it: relay addresses and ports, ICE by the requested mode, origin and session name,
     * and the version when the relay owns it.
     */
    private Future<SdpOutcome> rewrite(SdpCommand c) {
        SessionDescription sdp;
        try {
            sdp = parser.parseBody(c.sdp());
        } catch (SdpSyntaxException e) {
            throw new Refused(ErrorCode.BAD_SDP, e.getMessage());
        }
        Landing place = c.kind() == SdpCommand.Kind.OFFER ? landings.offer(c) : landings.answer(c);
        StreamPlan plan = StreamPlan.of(sdp, c.receivedFrom(), c.mediaAddress());
        Terms terms = Terms.of(c, place.session().terms(), place.party(), plan, place.session().annotations());
        Landing placed = place.withSession(place.session().withTerms(terms.call()));
        Optional<String> answering = c.kind() == SdpCommand.Kind.ANSWER && place.party() == Party.CALLEE
                ? c.toTag() : Optional.empty();
        // This SDP goes to the other party, which must send to the ports facing it.
        List<StreamSetup> setups = terms.setups(plan.setups());
        if (c.options().learning().isPresent()) {
            setups = setups.stream().map(s -> s.withLearning(c.options().learning())).toList();
        }
        return allocate(placed, setups, answering, c.sip(), c.options().interfaces()).map(a -> finish(c, place,
                a.session().withSdp(place.party(), plan.described()), sdp,
                a.ports().map(ports -> plan.relays(ports, place.party().other())).orElse(Map.of()), terms));
    }

    /**
     * Streams described without SDP (MediaProxy's protocol): allocates or keeps their ports like an offer or answer,
     * and returns the relay's ports facing the other party, which the proxy writes into the SDP itself.
     */
    public Future<StreamsOutcome> relay(StreamsCommand c) {
        return serializer.run(c.callId(), () -> relayStreams(c)).recover(this::refusal);
    }

    private Future<StreamsOutcome> relayStreams(StreamsCommand c) {
        Landing place = landings.streams(c);
        List<StreamSetup> setups = Hints.setups(c.media(), c.signallingIp());
        // The callee's own tag: its From tag in a request it sends (re-INVITE), the To tag in its replies.
        Optional<String> answering = place.party() != Party.CALLEE ? Optional.empty()
                : c.fromRequest() ? Optional.of(c.fromTag()) : c.toTag();
        return allocate(place, setups, answering, SipContext.NONE, c.interfaces()).map(a -> {
            store.put(a.session().signalled(place.party(), clock.instant(), c.annotation())
                    .withSdp(place.party(), Hints.described(c.media())));
            Party reader = place.party().other();
            List<StreamPorts> allocated = a.ports().map(AllocateResult.Allocated::streams).orElse(List.of());
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < c.media().size(); i++) {
                int index = i;
                ports.add(allocated.stream().filter(s -> s.index() == index).findFirst()
                        .map(s -> s.facing(reader).rtp()).orElse(0));
            }
            // MediaProxy's reply names one address: that of the interface facing the reader.
            String address = allocated.stream().findFirst().map(s -> s.address(reader))
                    .orElse(a.session().mediaAddress());
            return new StreamsOutcome.Relayed(address, ports);
        });
    }

    /**
     * Has the place's node allocate (or keep) the ports of {@code setups} on the place's branch; the session then names
     * the node's media address, and the callee's tag once it answered.
     */
    private Future<Allocation> allocate(Landing place, List<StreamSetup> setups, Optional<String> answeringTag,
                                        SipContext sip, InterfaceChoice interfaces) {
        CallSession session = place.session();
        // Nothing to carry, and nothing was ever allocated: the node need not hear of this call (yet).
        if (setups.isEmpty() && session.mediaAddress().isEmpty()) {
            CallSession s = answeringTag.map(t -> session.answeredBy(place.branch(), t, session.mediaAddress(),
                    clock.instant(), sip)).orElse(session);
            return Future.succeededFuture(new Allocation(s, Optional.empty()));
        }
        // The setups are every stream the call has now: the node frees those a re-offer or answer took away.
        AllocateRequest request = new AllocateRequest(place.nodeSession(), session.callId(), place.party(), setups,
                true, interfaces);
        return place.node().allocate(request)
                .recover(e -> Future.failedFuture(new Refused(ErrorCode.NODE_UNAVAILABLE,
                        "relay node " + place.node().nodeId() + " did not answer: " + e.getMessage())))
                .map(result -> {
                    AllocateResult.Allocated a = allocated(result, place.node().nodeId());
                    CallSession s = answeringTag.map(t -> session.answeredBy(place.branch(), t, a.mediaAddress(),
                            clock.instant(), sip)).orElseGet(() -> session.withMediaAddress(a.mediaAddress()));
                    return new Allocation(s, Optional.of(a));
                });
    }

    /** Mangles the SDP for the other party, versions it when the relay owns the version, and stores the session. */
    private SdpOutcome finish(SdpCommand c, Landing place, CallSession session, SessionDescription sdp,
                              Map<Integer, RelayEndpoint> relays, Terms terms) {
        SdpMangler.Mangled mangled = SdpMangler.mangled(sdp, relays, terms.mangle(), terms.offeredCodecs());
        SessionDescription out = mangled.sdp();
        Party reader = place.party().other();
        session = session.signalled(place.party(), clock.instant(), c.annotation());
        if (c.options().managesVersion()) {
            SdpVersioning.Versioned v = SdpVersioning.next(out, session.sentTo(reader));
            out = v.sdp();
            session = session.withSent(reader, v.sent());
        }
        store.put(session);
        String relayAddress = relays.values().stream().findFirst().map(RelayEndpoint::address).orElse("");
        return new SdpOutcome.Rewritten(out, relayAddress, mangled.notes());
    }

    /** The relay nodes this dispatcher places calls on. */
    public RelayNodes nodes() {
        return nodes;
    }

    /** What the relay nodes report on their own, and how this dispatcher acts on it. */
    public NodeReports reports() {
        return reports;
    }

    private static AllocateResult.Allocated allocated(AllocateResult result, String nodeId) {
        return result.fold(a -> a, e -> {
            throw new Refused(ErrorCode.PORTS_EXHAUSTED, "relay node " + nodeId + " has no free media ports ("
                    + e.freePairs() + " pairs free, " + e.neededPairs() + " needed)");
        }, rejected -> {
            throw new Refused(ErrorCode.NODE_REJECTED, rejected.reason());
        });
    }

    private record Allocation(CallSession session, Optional<AllocateResult.Allocated> ports) {
    }
}
