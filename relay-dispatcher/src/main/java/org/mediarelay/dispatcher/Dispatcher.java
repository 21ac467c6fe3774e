package org.mediarelay.dispatcher;

import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.mediarelay.accounting.Accounting;
import org.mediarelay.accounting.cdr.TerminationReason;
import org.mediarelay.dispatcher.cluster.RelayNodes;
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
import org.mediarelay.node.api.ExpiryReason;
import org.mediarelay.node.api.InterfaceChoice;
import org.mediarelay.node.api.NodeEvent;
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

    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    private final RelayNodes nodes;
    private final SessionStore store;
    private final Accounting accounting;
    private final Clock clock;
    private final SdpParser parser = new SdpParser(SdpLimits.DEFAULT);
    private final CallLock serializer;
    private final CallTotals totals = new CallTotals();
    private final Endings endings;
    private final Landings landings;

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
        this.endings = new Endings(nodes, store, accounting, clock, totals, dialogs);
        this.landings = new Landings(nodes, store, clock, random);
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
                return endBranch(s, b.index()).map(v -> new DeleteOutcome.BranchDeleted(b.named()));
            }
            return endings.end(s, command.forced() ? TerminationReason.FORCED : TerminationReason.REGULAR)
                    .map(ended -> new DeleteOutcome.Deleted(ended.cdr(), s, ended.streams()));
        }).recover(this::refusal);
    }

    /** One branch of a forked call ends: its node session is released, and the call goes on without it. */
    private Future<DeleteOutcome> endBranch(CallSession s, int branch) {
        String nodeSession = s.branches().get(branch).nodeSession();
        store.put(s.withBranches(s.branches().removed(branch)));
        LOG.log(Level.DEBUG, () -> "call " + s.callId() + ": branch " + branch + " ended");
        return nodes.byId(s.nodeId()).map(n -> n.release(nodeSession)
                        .recover(e -> Future.failedFuture(new Refused(ErrorCode.NODE_UNAVAILABLE,
                                "relay node " + s.nodeId() + " did not answer: " + e.getMessage()))))
                .orElse(Future.succeededFuture()).mapEmpty();
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
                        .<QueryOutcome>map(r -> new QueryOutcome.Found(s,
                                r instanceof StatsResult.Current c ? c.streams() : List.of()))
                        .recover(e -> Future.succeededFuture(new Failure(ErrorCode.NODE_UNAVAILABLE,
                                "relay node " + s.nodeId() + " did not answer: " + e.getMessage()))))
                .orElseGet(() -> Future.succeededFuture(new QueryOutcome.Found(s, List.of())));
    }

    /** The call-ids of open sessions, at most {@code limit}, oldest first. */
    public List<String> callIds(int limit) {
        return sessions().stream().limit(Math.max(0, limit)).map(CallSession::callId).toList();
    }

    /** The open sessions, oldest first. */
    public List<CallSession> sessions() {
        return store.all().stream().sorted(Comparator.comparing(CallSession::created)).toList();
    }

    /** What ended calls and refused commands add up to since start. */
    public CallTotals.Snapshot totals() {
        return totals.snapshot();
    }

    /** Ends every session (shutdown), each with its CDR. Completes when all are written or failed. */
    public Future<Void> closeAll(TerminationReason reason) {
        return endEach(s -> true, s -> endings.end(s, reason));
    }

    /**
     * Ends each session {@code which} selects, one at a time per call like any other operation; a session that ended
     * or changed (another session id) meanwhile is left alone. Completes when all are done or failed.
     */
    private Future<Void> endEach(Predicate<CallSession> which, Function<CallSession, Future<Endings.Ended>> ending) {
        List<Future<?>> all = new ArrayList<>();
        for (CallSession s : store.all()) {
            if (which.test(s)) {
                all.add(serializer.run(s.callId(), () -> store.get(s.callId())
                        .filter(current -> current.sessionId().equals(s.sessionId()))
                        .<Future<Object>>map(current -> ending.apply(current).map(ended -> (Object) ended))
                        .orElse(Future.succeededFuture())));
            }
        }
        return Future.join(all).mapEmpty();
    }

    /**
     * What a relay node reported on its own. An expired session ends here with its CDR (the node keeps its ports
     * until then); one the dispatcher does not know is released on its node so that nothing leaks. A stream that ICE
     * took around the relay is only logged: the call goes on, and its CDR will show the path.
     */
    public Future<Void> onNodeEvent(NodeEvent event) {
        if (event instanceof NodeEvent.Interims reports) {
            for (NodeEvent.Interim i : reports.sessions()) {
                store.get(i.callId()).filter(s -> s.branches().active().nodeSession().equals(i.sessionId()))
                        .ifPresent(s -> endings.interim(s, i.streams()));
            }
            return Future.succeededFuture();
        }
        if (event instanceof NodeEvent.IceDirect d) {
            LOG.log(Level.INFO, () -> "call " + d.callId() + " stream " + d.stream() + ": ICE went direct, relay ports freed");
            return Future.succeededFuture();
        }
        NodeEvent.SessionExpired x = (NodeEvent.SessionExpired) event;
        return serializer.<Void>run(x.callId(), () -> {
            Optional<CallSession> call = store.get(x.callId());
            OptionalInt branch = call.map(s -> s.branches().byNodeSession(x.sessionId())).orElse(OptionalInt.empty());
            if (branch.isPresent() && branch.getAsInt() != call.get().branches().activeIndex()) {
                // A branch that lost the race for the answer timed out: it ends alone.
                return endBranch(call.get(), branch.getAsInt()).mapEmpty();
            }
            Optional<CallSession> session = call.filter(s -> branch.isPresent());
            if (session.isPresent()) {
                LOG.log(Level.INFO, () -> "call " + x.callId() + " expired on its node: " + x.reason().token());
                // Ending, it asks the proxy to end the dialog (Endings.askProxy).
                return endings.end(session.get(), reasonOf(x.reason())).mapEmpty();
            }
            return nodes.byId(x.nodeId()).map(n -> n.release(x.sessionId()).<Void>mapEmpty())
                    .orElse(Future.succeededFuture());
        }).recover(e -> {
            LOG.log(Level.WARNING, "expiry of call " + x.callId() + " not handled: " + e.getMessage());
            return Future.succeededFuture();
        });
    }

    /**
     * A relay node left the cluster: each of its calls ends now, with reason {@code relay-lost} and the counters of
     * the node's last interim report, without asking the node (it is gone).
     */
    public Future<Void> onNodeLost(String nodeId) {
        LOG.log(Level.WARNING, () -> "relay node " + nodeId + " lost: its calls end (relay-lost)");
        return endEach(s -> s.nodeId().equals(nodeId),
                endings::lost);
    }

    /**
     * Ends every call this dispatcher has on the node, each with its CDR ({@code reason}); the node is asked to
     * release them as usual. For a drain whose deadline passed.
     */
    public Future<Void> endCallsOn(String nodeId, TerminationReason reason) {
        return endEach(s -> s.nodeId().equals(nodeId), s -> endings.end(s, reason));
    }

    /**
     * Writes an interim record of every call each {@code every} of its life (zero: never), while {@code acts} holds:
     * in a cluster only the dispatcher that acts on node reports writes them. Set once, at start.
     */
    public void interimRecords(Duration every, BooleanSupplier acts) {
        endings.interimRecords(every, acts);
    }

    /** When the node last reported this session's counters, if it did. */
    public Optional<Instant> lastInterim(String sessionId) {
        return endings.lastInterim(sessionId);
    }

    static TerminationReason reasonOf(ExpiryReason r) {
        switch (r) {
            case ON_HOLD_TIMEOUT:
                return TerminationReason.ON_HOLD_TIMEOUT;
            case OFFER_TIMEOUT:
                return TerminationReason.OFFER_TIMEOUT;
            case MAX_DURATION:
                return TerminationReason.MAX_DURATION;
            case NO_MEDIA:
            default:
                return TerminationReason.TIMEOUT;
        }
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

    private static AllocateResult.Allocated allocated(AllocateResult result, String nodeId) {
        if (result instanceof AllocateResult.Allocated a) {
            return a;
        }
        if (result instanceof AllocateResult.PortsExhausted e) {
            throw new Refused(ErrorCode.PORTS_EXHAUSTED, "relay node " + nodeId + " has no free media ports ("
                    + e.freePairs() + " pairs free, " + e.neededPairs() + " needed)");
        }
        throw new Refused(ErrorCode.NODE_REJECTED, ((AllocateResult.Rejected) result).reason());
    }

    private record Allocation(CallSession session, Optional<AllocateResult.Allocated> ports) {
    }
}
