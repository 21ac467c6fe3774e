package org.mediarelay.dispatcher.command;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mediarelay.dispatcher.signalling.Annotation;
import org.mediarelay.node.api.InterfaceChoice;

/**
 * Streams described without SDP, as OpenSIPS' {@code mediaproxy} module sends them: the proxy rewrites the SDP itself
 * from the relay address and ports in the outcome.
 *
 * @param fromRequest  the streams came in a SIP request (else in a reply)
 * @param fromTag      the From tag of the SIP message (for a reply, the dialog's From tag)
 * @param toTag        its To tag, absent in a 1xx without one
 * @param media        the streams in SDP order
 * @param signallingIp the SIP source address of the message
 * @param annotation   label and metadata to remember with the call
 * @param preferredRelay the relay node (id or media address) the proxy asked for ({@code media_relay})
 * @param interfaces   the media interfaces facing the sender of the streams and the other party
 */
public record StreamsCommand(boolean fromRequest, String callId, String fromTag, Optional<String> toTag,
                             List<MediaLine> media, Optional<InetAddress> signallingIp, Annotation annotation,
                             Optional<String> preferredRelay, InterfaceChoice interfaces) {

    public StreamsCommand {
        Objects.requireNonNull(callId);
        Objects.requireNonNull(fromTag);
        Objects.requireNonNull(toTag);
        media = List.copyOf(media);
        Objects.requireNonNull(signallingIp);
        Objects.requireNonNull(annotation);
        Objects.requireNonNull(preferredRelay);
        Objects.requireNonNull(interfaces);
    }

    /** On the interfaces the relay chooses. */
    public StreamsCommand(boolean fromRequest, String callId, String fromTag, Optional<String> toTag,
                          List<MediaLine> media, Optional<InetAddress> signallingIp, Annotation annotation,
                          Optional<String> preferredRelay) {
        this(fromRequest, callId, fromTag, toTag, media, signallingIp, annotation, preferredRelay, InterfaceChoice.ANY);
    }

    /**
     * One stream: {@code audio:192.0.2.1:50000:sendrecv:ice=yes}.
     *
     * @param address the party's address for it; empty for a hold with {@code 0.0.0.0}
     * @param port    0 for a disabled stream
     */
    public record MediaLine(String type, Optional<InetAddress> address, int port, String direction, boolean ice) {

        public MediaLine {
            Objects.requireNonNull(type);
            Objects.requireNonNull(address);
            Objects.requireNonNull(direction);
            if (port < 0 || port > 65534) {
                throw new IllegalArgumentException("port must be 0-65534: " + port);
            }
        }

        /** Disabled (port 0) or not sent anywhere: the relay gives it no ports. */
        public boolean relayable() {
            return port > 0;
        }

        public boolean onHold() {
            return address.isEmpty() || direction.equals("sendonly") || direction.equals("inactive");
        }
    }
}
