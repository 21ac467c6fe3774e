package org.mediarelay.dispatcher;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.mediarelay.accounting.cdr.Cdr;
import org.mediarelay.accounting.cdr.CdrParty;
import org.mediarelay.accounting.cdr.CdrQuality;
import org.mediarelay.accounting.cdr.CdrStream;
import org.mediarelay.accounting.cdr.Flow;
import org.mediarelay.accounting.cdr.StreamPath;
import org.mediarelay.accounting.cdr.TerminationReason;
import org.mediarelay.dispatcher.session.CallSession;
import org.mediarelay.node.api.Counter;
import org.mediarelay.node.api.PartyFlow;
import org.mediarelay.node.api.PortPair;
import org.mediarelay.node.api.StreamState;
import org.mediarelay.node.api.StreamStats;

/** Makes the CDR of an ended session from its record and the node's final counters. Pure. */
final class CdrBuilder {

    private CdrBuilder() {
    }

    static Cdr build(CallSession s, List<StreamStats> streams, Instant ended, TerminationReason reason) {
        List<CdrStream> out = streams.stream()
                .map(st -> new CdrStream(st.index(), st.media(), path(st), party(st.callerFacing(), st.fromCaller()),
                        party(st.calleeFacing(), st.fromCallee())))
                .toList();
        // The record id is the session id: one final record per session, the same on every retry of its delivery.
        // Times to the millisecond: what billing systems store; finer digits would only be noise.
        Instant created = s.created().truncatedTo(ChronoUnit.MILLIS);
        Instant end = ended.truncatedTo(ChronoUnit.MILLIS);
        return new Cdr(s.sessionId(), s.callId(), s.callerTag(), s.calleeTag(), s.nodeId(), s.mediaAddress(),
                created, s.answered().map(a -> a.truncatedTo(ChronoUnit.MILLIS)),
                end.isBefore(created) ? created : end, reason, out);
    }

    /** ICE direct as the node reported it; otherwise by who sent media (key exchange counts, STUN does not). */
    static StreamPath path(StreamStats st) {
        if (st.state() == StreamState.ICE_DIRECT) {
            return StreamPath.ICE_DIRECT;
        }
        boolean caller = st.fromCaller().sentMedia();
        boolean callee = st.fromCallee().sentMedia();
        return caller && callee ? StreamPath.RELAYED : caller || callee ? StreamPath.ONE_WAY : StreamPath.NO_MEDIA;
    }

    private static CdrParty party(PortPair facing, PartyFlow flow) {
        return new CdrParty(facing.rtp(), facing.rtcp(), flow.latchedRtp().map(CdrBuilder::text),
                flow(flow.rtp()), flow(flow.rtcp()), flow(flow.stun()), flow.dropped(),
                flow.quality().map(q -> new CdrQuality(q.expected(), q.lost(), q.jitterMillis(), q.mos())));
    }

    private static Flow flow(Counter c) {
        return new Flow(c.packets(), c.bytes());
    }

    private static String text(InetSocketAddress a) {
        String ip = a.getAddress().getHostAddress();
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + a.getPort();
    }
}
