package org.mediarelay.sdp;

import java.util.List;
import java.util.Optional;

/** The direction attributes of RFC 3264 §5.1 / RFC 8866 §6.7. */
public enum Direction {
    SENDRECV("sendrecv"),
    SENDONLY("sendonly"),
    RECVONLY("recvonly"),
    INACTIVE("inactive");

    private final String token;

    Direction(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    /** The first direction attribute among these lines, if any. Reads the lines in place (it runs on every SDP). */
    public static Optional<Direction> in(List<SdpLine> lines) {
        for (SdpLine l : lines) {
            if (l.type() == 'a') {
                for (Direction d : VALUES) {
                    // A property attribute: the name is the whole value.
                    if (l.isAttribute(d.token) && l.attributeValue().isEmpty()) {
                        return Optional.of(d);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static final Direction[] VALUES = values();
}
