package org.mediarelay.dispatcher;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.mediarelay.accounting.cdr.Cdr;
import org.mediarelay.accounting.cdr.CdrMedia;
import org.mediarelay.accounting.cdr.CdrNotes;
import org.mediarelay.accounting.cdr.CdrParty;
import org.mediarelay.accounting.cdr.CdrQuality;
import org.mediarelay.accounting.cdr.CdrStream;
import org.mediarelay.accounting.cdr.Flow;
import org.mediarelay.accounting.cdr.StreamPath;
import org.mediarelay.accounting.cdr.TerminationReason;
import org.mediarelay.dispatcher.session.Annotations;
import org.mediarelay.dispatcher.session.CallSession;
import org.mediarelay.dispatcher.session.StreamSdp;
import org.mediarelay.node.api.Counter;
import org.mediarelay.node.api.IpLiteral;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.PartyFlow;
import org.mediarelay.node.api.PortPair;
import org.mediarelay.node.api.StreamState;
import org.mediarelay.node.api.StreamStats;

/** Makes the CDR of an ended session from its record and the node's final counters. Pure. */
final class CdrBuilder {

    private CdrBuilder() {
    }

    /**
     * The {@code n}-th interim record of a call still up, from the node's latest counters: its own record id, the
     * same whichever dispatcher writes it, so a record written twice is one record to every sink.
     */
    static Cdr interim(CallSession s, List<StreamStats> streams, Instant at, long n) {
        Cdr c = build(s, streams, at, TerminationReason.INTERIM);
        return new Cdr(s.sessionId() + "-interim-" + n, c.callId(), c.fromTag(), c.toTag(), c.node(),
                c.mediaAddress(), c.created(), c.answered(), c.ended(), c.reason(), c.streams(), c.notes());
    }

    /**
     * The record's caller and callee are the SIP dialog's: the offerer and answerer, except after a late offer (an
     * INVITE without SDP), where the offer came from the dialog's callee.
     */
    static Cdr build(CallSession s, List<StreamStats> streams, Instant ended, TerminationReason reason) {
        // The record id is the session id: one final record per session, the same on every retry of its delivery.
        // Times to the millisecond: what billing systems store; finer digits would only be noise.
        Instant created = s.created().truncatedTo(ChronoUnit.MILLIS);
        Instant end = ended.truncatedTo(ChronoUnit.MILLIS);
        Window window = new Window(created, end.isBefore(created) ? created : end);
        Annotations notes = s.annotations();
        Party caller = dialogCaller(s);
        List<CdrStream> out = streams.stream()
                .map(st -> new CdrStream(st.index(), st.media(), path(st),
                        party(st.facing(caller), st.from(caller), window, notes.sdp(caller, st.index())),
                        party(st.facing(caller.other()), st.from(caller.other()), window,
                                notes.sdp(caller.other(), st.index())),
                        codecs(notes, st.index())))
                .toList();
        String fromTag = s.tagOf(caller).orElse(s.callerTag());
        Optional<String> toTag = s.tagOf(caller.other()).filter(t -> !t.equals(fromTag));
        return new Cdr(s.sessionId(), s.callId(), fromTag, toTag, s.nodeId(), s.mediaAddress(),
                created, s.answered().map(a -> a.truncatedTo(ChronoUnit.MILLIS)),
                end.isBefore(created) ? created : end, reason, out, notes(s.annotations(), caller));
    }

    /** The party that is the SIP dialog's caller: the offerer, or the answerer of a late offer. */
    static Party dialogCaller(CallSession s) {
        return s.dialog().lateOffer() ? Party.CALLEE : Party.CALLER;
    }

    private static CdrNotes notes(Annotations a, Party caller) {
        return new CdrNotes(byRole(a.labels(), caller), a.metadata(), byRole(a.uris(), caller),
                byRole(a.userAgents(), caller), a.dialogId());
    }

    private static Map<String, String> byRole(Map<Party, String> byParty, Party caller) {
        Map<String, String> out = new TreeMap<>();
        byParty.forEach((party, v) -> out.put(party == caller ? "caller" : "callee", v));
        return out;
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

    /**
     * The session's life. Packet times come from the node's timer tick (up to 100 ms early) and, in a cluster, from
     * another host's clock: they are kept inside the session's life, when its ports existed.
     */
    private record Window(Instant from, Instant to) {
        Instant clamp(Instant t) {
            Instant ms = t.truncatedTo(ChronoUnit.MILLIS);
            return ms.isBefore(from) ? from : ms.isAfter(to) ? to : ms;
        }
    }

    /** The answer's formats (what was negotiated), else the offer's. */
    private static List<String> codecs(Annotations notes, int index) {
        return notes.sdp(Party.CALLEE, index).or(() -> notes.sdp(Party.CALLER, index)).map(StreamSdp::codecs)
                .orElse(List.of());
    }

    private static CdrParty party(PortPair facing, PartyFlow flow, Window window, Optional<StreamSdp> sdp) {
        Map<String, Long> drops = new TreeMap<>();
        flow.drops().forEach((reason, n) -> {
            if (n > 0) {
                drops.put(reason.token(), n);
            }
        });
        CdrMedia media = new CdrMedia(flow.firstPacket().map(window::clamp), flow.lastPacket().map(window::clamp),
                flow.payloadTypes(), flow(flow.keyExchange()), flow(flow.udptl()), flow(flow.other()), drops, flow.relatches(), sdp.flatMap(StreamSdp::rtp),
                flow(flow.kernel()));
        return new CdrParty(facing.rtp(), facing.rtcp(), flow.latchedRtp().map(CdrBuilder::text),
                flow(flow.rtp()), flow(flow.rtcp()), flow(flow.stun()), flow.dropped(),
                flow.quality().map(q -> new CdrQuality(q.expected(), q.lost(), q.jitterMillis(), q.mos(),
                        q.source().token())), media);
    }


    private static Flow flow(Counter c) {
        return new Flow(c.packets(), c.bytes());
    }

    private static String text(InetSocketAddress a) {
        return IpLiteral.hostPort(a.getAddress(), a.getPort());
    }
}
