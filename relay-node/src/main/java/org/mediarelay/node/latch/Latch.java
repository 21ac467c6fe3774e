package org.mediarelay.node.latch;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import org.mediarelay.node.api.EndpointLearning;

/**
 * Where one party really sends one component from (symmetric RTP, RFC 4961), learned so that an attacker spraying
 * the relay's ports (RTP Bleed / Inject) can neither receive nor inject media.
 *
 * <ul>
 *   <li>Nothing is learned before the party's own SDP has been signalled. Each signalling event of the stream opens
 *   a learning window ({@link LatchPolicy#learningWindow()}).</li>
 *   <li>In the window sources are ranked: the exact SDP address and port (confirms at once) &gt; the SDP address on
 *   another port &gt; the SIP source address of the signalling &gt; anything else. A higher rank replaces a lower one.
 *   At the window's end the best source seen is confirmed, except one of the lowest rank: that one is neither
 *   forwarded nor sent to while the window is open, and is confirmed only if it alone sent in the window, as one RTP
 *   stream (one SSRC, continuous sequence numbers, {@link LatchPolicy#rebindPackets()} packets) — an attacker
 *   spraying the port range does neither. The exact SDP address replaces such a source whenever it sends.</li>
 *   <li>After the window, with nothing learned, a source tied to the signalling (any rank but the lowest) latches;
 *   anything else is an unknown source.</li>
 *   <li>Once confirmed, other sources are dropped (strict source), except a NAT rebinding: the confirmed source has
 *   been silent for {@link LatchPolicy#rebindSilence()} and the new one sends {@link LatchPolicy#rebindPackets()}
 *   consecutive packets carrying the old source's SSRC with continuous sequence numbers.</li>
 * </ul>
 *
 * <p>That is {@link EndpointLearning#DELAYED}. {@link EndpointLearning#HEURISTIC} adds a way for a source tied to
 * nothing (media from another address than the signalling's): while nothing is confirmed, it is confirmed once it has
 * sent {@link LatchPolicy#rebindPackets()} consecutive packets of one stream and the other party's latch is
 * {@link #proven()}. {@link EndpointLearning#OFF} never takes such a source; {@link EndpointLearning#IMMEDIATE} takes
 * the newest source of any kind while learning is open (unsafe).
 *
 * <p>Time is given by the caller (milliseconds of any monotonic clock). Confined to one thread: no synchronisation.
 */
public final class Latch {

    static final int EXACT = 3;
    static final int SDP_ADDRESS = 2;
    static final int SIGNALLING_ADDRESS = 1;
    static final int ANY = 0;
    private static final long NONE = -1;

    /** Read where needed rather than copied: four latches a call, each field a held call's 16 bytes. */
    private final LatchPolicy policy;

    private boolean signalled;
    private InetSocketAddress sdp;
    private InetAddress signalling;
    private long windowEnds;

    private InetSocketAddress source;
    private int rank;
    private boolean confirmed;
    /** The source was confirmed before the last signalling event: it stays usable while learning runs again. */
    private boolean carried;
    private long lastAccepted;
    private long ssrc = NONE;
    private int sequence = -1;
    private int relatches;

    private InetSocketAddress candidate;
    private int candidateCount;
    private int candidateSequence;

    /** For an unranked tentative source: its run of consecutive packets of one stream, and whether another sent too. */
    private long runSsrc = NONE;
    private int runSequence;
    private int run;
    private boolean ambiguous;

    private EndpointLearning mode;
    /**
     * Runs of the sources tied to nothing, for {@link EndpointLearning#HEURISTIC}: made when such a source first sends
     * while nothing is confirmed, and let go once a source latches (most calls never need one; about 230 bytes).
     */
    private SourceRuns runs;
    /** An address another latch of the same party proved (its RTP source): ranks as the signalling address. */
    private InetAddress vouched;
    /** The source confirmed by the heuristic rule, until {@link #takeNewSource()} hands it on. */
    private InetSocketAddress newSource;

    public Latch(LatchPolicy policy) {
        this.policy = policy;
        this.mode = policy.learning();
    }

    /** From now on, learn as {@code learning} says (per call, from the proxy). */
    public void learning(EndpointLearning learning) {
        mode = learning;
    }

    /**
     * Another latch of the same party (its RTP, for this RTCP latch) confirmed a source tied to nothing: that address
     * ranks as the signalling address here.
     */
    public void vouch(InetAddress address) {
        vouched = address;
    }

    /** Once, after {@link #admit} confirmed a source tied to nothing by the heuristic rule: that source; else null. */
    public InetSocketAddress takeNewSource() {
        InetSocketAddress s = newSource;
        newSource = null;
        return s;
    }

    /** A source is confirmed, and the signalling named it: the party has proven itself. */
    public boolean proven() {
        return confirmed && rank > ANY;
    }

    /**
     * The party signalled its SDP for this stream: new hints, and learning opens again. A confirmed source that the
     * new SDP names exactly stays confirmed; otherwise it stays in use but a better-ranked source may replace it until
     * the window closes.
     */
    public void signalled(Optional<InetSocketAddress> sdpAddress, Optional<InetAddress> signallingAddress, long now) {
        InetSocketAddress newSdp = sdpAddress.orElse(null);
        InetAddress newSignalling = signallingAddress.orElse(null);
        boolean changed = !Objects.equals(newSdp, sdp) || !Objects.equals(newSignalling, signalling);
        sdp = newSdp;
        signalling = newSignalling;
        signalled = true;
        reopen(now);
        if (source != null) {
            rank = rank(source);
            if (rank == EXACT) {
                confirmed = true;
            } else if (changed && confirmed) {
                confirmed = false;
                carried = true;
            }
        }
    }

    /** Another signalling event of the stream (e.g. the other party's answer): learning opens again. */
    public void reopen(long now) {
        if (signalled) {
            windowEnds = now + policy.learningWindow().toMillis();
            ambiguous = false;
        }
    }

    /**
     * Whether a packet from {@code from} may be forwarded; it may change what is learned.
     *
     * @param packetSsrc the identity of the packet's stream: the SSRC of RTP, the sender SSRC of RTCP, 0 for UDPTL;
     *                   -1 when it has none
     * @param packetSequence the sequence number of RTP or UDPTL, or -1 when it has none
     * @param peerProven the other party's latch of the same component is {@link #proven()}
     */
    public Admission admit(InetSocketAddress from, long now, long packetSsrc, int packetSequence, boolean peerProven) {
        settle(now);
        if (from.equals(source)) {
            if (!usable()) {
                runOf(packetSsrc, packetSequence);
                if (mode == EndpointLearning.HEURISTIC && peerProven && run >= policy.rebindPackets()) {
                    return takeSeparate(from, now, packetSsrc, packetSequence);
                }
                return Admission.LEARNING;
            }
            accepted(now, packetSsrc, packetSequence);
            return Admission.ACCEPT;
        }
        if (!signalled) {
            return Admission.UNKNOWN_SOURCE;
        }
        int r = rank(from);
        boolean learning = now < windowEnds;
        if (mode == EndpointLearning.OFF && r == ANY) {
            return Admission.UNKNOWN_SOURCE;
        }
        if (mode == EndpointLearning.IMMEDIATE && (learning || source == null)) {
            latch(from, r, true, now, packetSsrc, packetSequence);
            return Admission.ACCEPT;
        }
        if ((learning && (!confirmed || r == EXACT) && (source == null || r > rank)) || (r == EXACT && rank == ANY)) {
            latch(from, r, r == EXACT, now, packetSsrc, packetSequence);
            if (!usable()) {
                runOf(packetSsrc, packetSequence);
                return Admission.LEARNING;
            }
            return Admission.ACCEPT;
        }
        if (learning && !confirmed && r == ANY && rank == ANY) {
            // Two unranked sources in one window: neither is trusted at its end.
            ambiguous = true;
        }
        if (source == null) {
            // The window has closed with nothing learned (in it, the first source would have been taken above).
            if (r > ANY) {
                latch(from, r, true, now, packetSsrc, packetSequence);
                return Admission.ACCEPT;
            }
            return separate(from, now, packetSsrc, packetSequence, peerProven, Admission.UNKNOWN_SOURCE);
        }
        if (!confirmed) {
            // Only while learning: settle() confirms whatever is latched once the window has closed.
            return r == ANY && rank == ANY && !carried
                    ? separate(from, now, packetSsrc, packetSequence, peerProven, Admission.LEARNING)
                    : Admission.LEARNING;
        }
        if (!policy.strictSource()) {
            relatch(from, now, packetSsrc, packetSequence);
            return Admission.ACCEPT;
        }
        return rebinding(from, now, packetSsrc, packetSequence) ? Admission.ACCEPT : Admission.STRICT_SOURCE;
    }

    /**
     * The heuristic rule for a source tied to nothing while nothing is confirmed: its run of one stream, and whether
     * that run and the other party's proof let it take the party; otherwise {@code otherwise}.
     */
    private Admission separate(InetSocketAddress from, long now, long packetSsrc, int seq, boolean peerProven,
                             Admission otherwise) {
        if (mode != EndpointLearning.HEURISTIC || packetSsrc == NONE || seq < 0) {
            return otherwise;
        }
        if (runs == null) {
            runs = new SourceRuns(Math.max(1, policy.rebindSilence().toMillis()));
        }
        int length = runs.record(from, packetSsrc, seq, now);
        return peerProven && length >= policy.rebindPackets() ? takeSeparate(from, now, packetSsrc, seq) : otherwise;
    }

    private Admission takeSeparate(InetSocketAddress from, long now, long packetSsrc, int seq) {
        latch(from, ANY, true, now, packetSsrc, seq);
        newSource = from;
        return Admission.ACCEPT;
    }

    /** Where to send this party's media now: its learned source once usable, else its SDP address; null if neither. */
    public InetSocketAddress destination(long now) {
        settle(now);
        return source != null && usable() ? source : sdp;
    }

    /**
     * The confirmed source's media went through the kernel lately (read from its route's counter): it is not silent,
     * whatever userspace saw, so a rebinding still needs it to stop first.
     */
    public void forwardedInKernel(long now) {
        lastAccepted = Math.max(lastAccepted, now);
    }

    /** The source this party is latched to, when confirmed. */
    public Optional<InetSocketAddress> confirmed() {
        return confirmed ? Optional.of(source) : Optional.empty();
    }

    /**
     * Whether {@link #confirmed()} would say {@code seen} (the very address, not an equal one), without making an
     * Optional: a node asks it of every held call's streams for each interim report.
     */
    public boolean stillConfirms(Optional<InetSocketAddress> seen) {
        return confirmed ? seen.orElse(null) == source : seen.isEmpty();
    }

    /** How many times a NAT rebinding (or, without strict source, any new source) replaced a confirmed source. */
    public int relatches() {
        return relatches;
    }

    private boolean usable() {
        return confirmed || carried || rank > ANY;
    }

    private void settle(long now) {
        if (source != null && !confirmed && now >= windowEnds) {
            if (rank == ANY && !carried && (ambiguous || run < policy.rebindPackets())) {
                source = null;
                return;
            }
            confirmed = true;
            carried = false;
        }
    }

    private void runOf(long packetSsrc, int seq) {
        boolean continues = packetSsrc != NONE && packetSsrc == runSsrc && seq >= 0
                && seq == ((runSequence + 1) & 0xFFFF);
        run = continues ? run + 1 : packetSsrc != NONE && seq >= 0 ? 1 : 0;
        runSsrc = packetSsrc;
        runSequence = seq;
    }

    private int rank(InetSocketAddress from) {
        if (sdp != null && from.equals(sdp)) {
            return EXACT;
        }
        if (sdp != null && from.getAddress().equals(sdp.getAddress())) {
            return SDP_ADDRESS;
        }
        if ((signalling != null && from.getAddress().equals(signalling))
                || (vouched != null && from.getAddress().equals(vouched))) {
            return SIGNALLING_ADDRESS;
        }
        return ANY;
    }

    private void latch(InetSocketAddress from, int newRank, boolean confirm, long now, long packetSsrc, int seq) {
        source = from;
        rank = newRank;
        confirmed = confirm;
        carried = false;
        ssrc = NONE;
        candidate = null;
        run = 0;
        runSsrc = NONE;
        runs = null;
        accepted(now, packetSsrc, seq);
    }

    private void relatch(InetSocketAddress from, long now, long packetSsrc, int seq) {
        source = from;
        rank = rank(from);
        relatches++;
        candidate = null;
        accepted(now, packetSsrc, seq);
    }

    private void accepted(long now, long packetSsrc, int seq) {
        lastAccepted = now;
        if (packetSsrc != NONE) {
            ssrc = packetSsrc;
        }
        if (seq >= 0) {
            sequence = seq;
        }
    }

    /**
     * A NAT rebinding: the confirmed source has gone silent, and {@code from} keeps sending the same stream (same
     * SSRC as before, sequence numbers that follow on) for enough consecutive packets.
     */
    private boolean rebinding(InetSocketAddress from, long now, long packetSsrc, int seq) {
        if (now - lastAccepted < policy.rebindSilence().toMillis() || packetSsrc == NONE || packetSsrc != ssrc) {
            return false;
        }
        boolean continues = from.equals(candidate) && (seq < 0 || seq == ((candidateSequence + 1) & 0xFFFF));
        candidateCount = continues ? candidateCount + 1 : 1;
        candidate = from;
        candidateSequence = seq;
        if (candidateCount < policy.rebindPackets()) {
            return false;
        }
        relatch(from, now, packetSsrc, seq);
        return true;
    }
}
