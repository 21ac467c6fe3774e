package org.mediarelay.dispatcher;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;
import org.mediarelay.dispatcher.cluster.RelayNodes;
import org.mediarelay.dispatcher.command.ErrorCode;
import org.mediarelay.dispatcher.command.SdpCommand;
import org.mediarelay.dispatcher.command.StreamsCommand;
import org.mediarelay.dispatcher.session.Branches;
import org.mediarelay.dispatcher.session.CallSession;
import org.mediarelay.dispatcher.session.DialogState;
import org.mediarelay.dispatcher.session.SessionStore;
import org.mediarelay.node.api.InterfaceChoice;
import org.mediarelay.node.api.NodeApi;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.cluster.NodeRecord;

/**
 * Which party sent an offer or answer, on which session, node and branch. A first offer creates the session; an
 * offer that names a {@code via-branch} the call has not seen forks it: a branch of its own, with relay ports of its
 * own. Throws {@link Refused} for a command that fits no call.
 */
final class Landings {

    private static final System.Logger LOG = System.getLogger(Landings.class.getName());

    private final RelayNodes nodes;
    private final SessionStore store;
    private final Clock clock;
    private final RandomGenerator random;

    Landings(RelayNodes nodes, SessionStore store, Clock clock, RandomGenerator random) {
        this.nodes = nodes;
        this.store = store;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Who sent this offer. The caller's offer goes to the branch its {@code via-branch} names (a new one for a name
     * not seen yet, once some branch has a name; the first name the call sees names the first branch), else to the
     * active branch. A callee's offer (a re-INVITE) is about its own branch.
     */
    Landing offer(SdpCommand c) {
        Optional<CallSession> existing = store.get(c.callId());
        if (existing.isEmpty()) {
            NodeApi node = newCallNode(c.callId(), c.preferredRelay(), c.options().interfaces());
            // A first offer that names a to-tag came in a response (or the proxy says so): a late offer, made by the
            // dialog's callee to an INVITE without SDP.
            boolean late = c.sip().inResponse().orElse(c.toTag().isPresent());
            CallSession offered = CallSession.offered(newSessionId(), c.callId(), c.fromTag(), node.nodeId(),
                    clock.instant()).withDialog(new DialogState(late, false));
            // The party a late offer goes to, the dialog's caller, will answer it (in the ACK): its tag is known now.
            CallSession first = late && c.toTag().isPresent()
                    ? offered.withBranches(offered.branches().answered(0, c.toTag().get())) : offered;
            return new Landing(c.viaBranch().map(v -> first.withBranches(first.branches().withVia(0, v)))
                    .orElse(first), Party.CALLER, node, 0);
        }
        CallSession call = existing.get().offered();
        Optional<Party> known = call.partyOf(c.fromTag());
        Party party = known.orElseGet(() -> c.toTag().flatMap(call::partyOf).map(Party::other)
                .orElse(Party.CALLER));
        CallSession s = call;
        if (known.isEmpty()) {
            // A tag the call has not seen: a B2BUA or a transfer re-tagged a re-INVITE. It takes over the role
            // opposite the party its to-tag names (an in-dialog offer carries one), else the caller's: the re-offer
            // then reaches the other party pointing at the same relay ports, so its media goes on.
            LOG.log(Level.DEBUG, () -> "call " + c.callId() + ": new tag '" + c.fromTag() + "' takes the " + party
                    + " role");
            s = s.withTerms(s.terms().withAlias(c.fromTag(), party));
        }
        NodeApi node = nodeOf(s);
        Branches b = s.branches();
        if (party == Party.CALLEE) {
            return new Landing(s, party, node, b.byTag(c.fromTag()).orElse(b.activeIndex()));
        }
        if (c.viaBranch().isEmpty()) {
            return new Landing(s, party, node, b.activeIndex());
        }
        String via = c.viaBranch().get();
        OptionalInt named = b.byVia(via);
        if (named.isPresent()) {
            return new Landing(s, party, node, named.getAsInt());
        }
        if (b.list().stream().allMatch(x -> x.via().isEmpty())) {
            return new Landing(s.withBranches(b.withVia(b.activeIndex(), via)), party, node, b.activeIndex());
        }
        if (b.size() >= Branches.MAX) {
            throw new Refused(ErrorCode.TAG_MISMATCH, "call '" + c.callId() + "' has " + Branches.MAX
                    + " branches already: via-branch '" + via + "' is one too many");
        }
        LOG.log(Level.DEBUG, () -> "call " + c.callId() + " forks: branch " + b.size() + " for via-branch " + via);
        return new Landing(s.withBranches(b.added(newSessionId(), via)), party, node, b.size());
    }

    /**
     * Who sent this answer: the party of the to-tag, and the branch it answers from (the one it answered from before,
     * else the one its {@code via-branch} names, else the active one). A to-tag the call has not seen, in an answer to
     * the caller, is the callee's: a first answer, or another destination of a forked INVITE answering (the final
     * answer wins).
     */
    Landing answer(SdpCommand c) {
        CallSession s = store.get(c.callId()).orElseThrow(() -> new Refused(ErrorCode.UNKNOWN_CALL,
                "no offer seen for call-id '" + c.callId() + "'"));
        String toTag = c.toTag().orElseThrow();
        Optional<Party> party = s.partyOf(toTag);
        if (party.isEmpty() && s.partyOf(c.fromTag()).filter(p -> p == Party.CALLER).isPresent()) {
            party = Optional.of(Party.CALLEE);
        }
        Party p = party.orElseThrow(() -> new Refused(ErrorCode.TAG_MISMATCH,
                "tags '" + c.fromTag() + "'/'" + toTag + "' do not match call '" + c.callId() + "'"));
        Branches b = s.branches();
        String calleeTag = p == Party.CALLEE ? toTag : c.fromTag();
        int branch = b.byTag(calleeTag).orElseGet(() -> c.viaBranch().stream().mapToInt(v -> b.byVia(v).orElse(-1))
                .filter(i -> i >= 0).findFirst().orElse(b.activeIndex()));
        return new Landing(s, p, nodeOf(s), branch);
    }

    /**
     * MediaProxy's rule: the streams are the caller's when (the From tag is the caller's) equals (the message is a
     * request); a first request creates the session. The protocol knows no branches: the active one.
     */
    Landing streams(StreamsCommand c) {
        Optional<CallSession> existing = store.get(c.callId());
        if (existing.isEmpty()) {
            if (!c.fromRequest()) {
                throw new Refused(ErrorCode.UNKNOWN_CALL, "no request seen for call-id '" + c.callId() + "'");
            }
            NodeApi node = newCallNode(c.callId(), c.preferredRelay(), c.interfaces());
            CallSession s = CallSession.offered(newSessionId(), c.callId(), c.fromTag(), node.nodeId(),
                    clock.instant());
            return new Landing(s, Party.CALLER, node, 0);
        }
        // A request on a known call offers (a re-INVITE): after an answer, the answer time stays.
        CallSession s = c.fromRequest() ? existing.get().offered() : existing.get();
        boolean callerTag = c.fromTag().equals(s.callerTag());
        if (!callerTag && !s.partyOf(c.fromTag()).isPresent() && s.calleeTag().isPresent()) {
            throw new Refused(ErrorCode.TAG_MISMATCH, "from-tag '" + c.fromTag() + "' is not a party of call '"
                    + c.callId() + "'");
        }
        return new Landing(s, callerTag == c.fromRequest() ? Party.CALLER : Party.CALLEE, nodeOf(s),
                s.branches().activeIndex());
    }

    NodeApi nodeOf(CallSession s) {
        return nodes.byId(s.nodeId()).orElseThrow(() -> new Refused(ErrorCode.NODE_UNAVAILABLE,
                "relay node " + s.nodeId() + " of call '" + s.callId() + "' is gone"));
    }

    private NodeApi newCallNode(String callId, Optional<String> preferred, InterfaceChoice interfaces) {
        List<String> named = new ArrayList<>();
        interfaces.sender().ifPresent(named::add);
        interfaces.reader().ifPresent(named::add);
        return nodes.forNewCall(callId, preferred, named).orElseThrow(() -> new Refused(ErrorCode.NO_NODE,
                missingInterface(named).orElse("no relay node can take a new call (every node is full, draining or "
                        + "not reporting" + (named.isEmpty() ? "" : ", or lacks media interface "
                        + String.join(" or ", named)) + ")")));
    }

    /** Why a call naming interfaces has no node: one that no node has at all. */
    private Optional<String> missingInterface(List<String> named) {
        List<NodeRecord> known = nodes.states();
        return named.stream().filter(n -> known.stream().noneMatch(r -> r.answersTo(n))).findFirst()
                .map(n -> "no relay node has media interface '" + n + "' (they have " + String.join(", ",
                        known.stream().flatMap(r -> r.interfaces().stream()).distinct().toList()) + ")");
    }

    /** 32 hex digits; not String.format, which parses its format with a regular expression on every offer. */
    private String newSessionId() {
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong());
    }
}
