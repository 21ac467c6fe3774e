package org.mediarelay.sdp.analysis;

import java.util.List;
import java.util.Optional;
import org.mediarelay.sdp.AddressType;
import org.mediarelay.sdp.Direction;
import org.mediarelay.sdp.codec.Codec;

/**
 * What a relay needs to know about one {@code m=} section, with session-level defaults already applied.
 *
 * @param index       position of the section among the {@code m=} lines, from 0; the stream's identity in a session
 * @param media       {@code audio}, {@code video}, {@code image}, ...
 * @param relayable   true when the relay carries this stream: media over UDP with a non-zero port
 * @param address     the effective connection address (media {@code c=}, else session {@code c=}); empty if none
 * @param rtcpPort    from {@code a=rtcp}, else the RTP port when {@code a=rtcp-mux}, else RTP port + 1
 * @param rtcpAddress from {@code a=rtcp}'s address, else {@link #address}
 * @param hold        the party does not want media now: unspecified address ({@code 0.0.0.0}, without ICE) or
 *                    {@code sendonly}/{@code inactive}
 * @param mid         the stream's {@code a=mid}, if any
 * @param codecs      the formats of the {@code m=} line, named from {@code a=rtpmap} or the static table
 */
public record StreamInfo(int index, String media, int port, String proto, boolean relayable,
                         Optional<String> address, Optional<AddressType> addressType,
                         int rtcpPort, Optional<String> rtcpAddress, boolean rtcpMux,
                         Direction direction, boolean hold, Optional<String> mid, IceInfo ice, List<Codec> codecs) {

    public StreamInfo {
        codecs = List.copyOf(codecs);
    }

    /** True when the address is a usable unicast destination (not absent, not {@code 0.0.0.0}). */
    public boolean hasMediaAddress() {
        return address.isPresent() && !address.get().equals("0.0.0.0") && !address.get().equals("::");
    }
}
