package org.mediarelay.sdp.relay;

import java.util.Objects;
import org.mediarelay.sdp.AddressType;

/**
 * Where the other party must send one stream's media: the relay's advertised address and the RTP/RTCP port pair
 * that faces that party.
 */
public record RelayEndpoint(AddressType addressType, String address, int rtpPort, int rtcpPort) {

    public RelayEndpoint {
        Objects.requireNonNull(addressType);
        Objects.requireNonNull(address);
        if (rtpPort < 1 || rtpPort > 65535 || rtcpPort < 1 || rtcpPort > 65535) {
            throw new IllegalArgumentException("relay ports must be 1..65535: " + rtpPort + "/" + rtcpPort);
        }
    }

    public static RelayEndpoint of(String address, int rtpPort, int rtcpPort) {
        return new RelayEndpoint(AddressType.ofLiteral(address), address, rtpPort, rtcpPort);
    }

    boolean sameAddress(RelayEndpoint other) {
        return addressType == other.addressType && address.equals(other.address);
    }
}
