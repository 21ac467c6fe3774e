package org.mediarelay.dispatcher.signalling;

import java.util.Objects;
import org.mediarelay.sdp.relay.MangleOptions;

/**
 * What the proxy asked of {@code a=rtcp-mux} (RFC 5761) in an offer (ng {@code rtcp-mux}, rtpengine's semantics):
 * what the receiver of the offer is shown, and how the answer back to the offerer treats the mux it offered. The
 * relay can do either independently: it carries RTCP between a port that multiplexes and one that does not itself.
 *
 * <table>
 * <tr><th>ng value</th><th>to the offer's receiver</th><th>back to the offerer (if it offered mux)</th></tr>
 * <tr><td>(none)</td><td>as offered</td><td>as the answerer decided</td></tr>
 * <tr><td>{@code offer}</td><td>mux offered</td><td>as the answerer decided</td></tr>
 * <tr><td>{@code require}</td><td>mux, and no {@code a=rtcp}</td><td>as the answerer decided</td></tr>
 * <tr><td>{@code accept}</td><td>as offered</td><td>accepted</td></tr>
 * <tr><td>{@code demux}</td><td>not offered</td><td>accepted</td></tr>
 * <tr><td>{@code reject}</td><td>not offered</td><td>refused</td></tr>
 * </table>
 *
 * An answer never shows mux to an offerer that did not offer it (RFC 5761 §5.1.1).
 *
 * @param toReader what the SDP's reader is shown
 * @param back     how the answer to the offerer treats its offer of mux
 */
public record RtcpMuxPolicy(MangleOptions.MuxChange toReader, Back back) {

    /** The answer to an offerer that offered mux. */
    public enum Back {
        /** As the answerer answered. */
        FOLLOW,
        /** Mux accepted, whatever the answerer did. */
        ACCEPT,
        /** Mux refused, whatever the answerer did. */
        REJECT
    }

    public static final RtcpMuxPolicy DEFAULT = new RtcpMuxPolicy(MangleOptions.MuxChange.KEEP, Back.FOLLOW);

    public RtcpMuxPolicy {
        Objects.requireNonNull(toReader);
        Objects.requireNonNull(back);
    }

    /** The change for one stream of an answer, whose offerer offered mux on it or not. */
    public MangleOptions.MuxChange answering(boolean offererOfferedMux, Back offerBack) {
        if (!offererOfferedMux) {
            return MangleOptions.MuxChange.REMOVE;
        }
        Back b = back != Back.FOLLOW ? back : offerBack;
        return b == Back.ACCEPT ? MangleOptions.MuxChange.ADD
                : b == Back.REJECT ? MangleOptions.MuxChange.REMOVE : MangleOptions.MuxChange.KEEP;
    }
}
