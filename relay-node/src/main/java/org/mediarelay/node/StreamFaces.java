package org.mediarelay.node;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.mediarelay.node.api.AddressFamily;
import org.mediarelay.node.api.AllocateRequest;
import org.mediarelay.node.api.IpLiteral;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.StreamPorts;
import org.mediarelay.node.api.StreamSetup;
import org.mediarelay.node.port.MediaInterface;
import org.mediarelay.node.port.MediaInterfaces;

/**
 * Which media interfaces a request's new streams face their parties on, and whether a request's parties can reach the
 * ports they were given. Pure: reads the request and the session's existing streams, decides nothing else.
 *
 * <p>Each new stream is placed on its own: a stream whose SDP names an address takes an interface of that family (an
 * SDP may mix families per {@code m=} line); a stream without one (a late offer, a hold) takes the family of the
 * request's first addressed stream. A stream a request adds to a call that has streams keeps the call's interfaces,
 * unless the request asks for others or its party's family differs.
 */
final class StreamFaces {

    private final String nodeId;
    private final MediaInterfaces interfaces;

    StreamFaces(String nodeId, MediaInterfaces interfaces) {
        this.nodeId = nodeId;
        this.interfaces = interfaces;
    }

    /** The interfaces of one stream's two pairs. */
    record Faces(MediaInterface caller, MediaInterface callee) {

        MediaInterface of(Party p) {
            return p == Party.CALLER ? caller : callee;
        }
    }

    /** Each stream's interfaces, in the order of the streams asked; or why the request cannot be carried. */
    sealed interface Plan permits Planned, Refused {

        /** This plan to the function for its kind. */
        default <R> R fold(Function<? super Planned, ? extends R> planned, Function<? super Refused, ? extends R> refused) {
            return this instanceof Planned p ? planned.apply(p) : refused.apply((Refused) this);
        }
    }

    record Planned(List<Faces> faces) implements Plan {
    }

    record Refused(String reason) implements Plan {
    }

    /**
     * @param opening the streams of the request the session lacks
     * @param sibling one of the session's open streams, if it has any
     */
    Plan plan(AllocateRequest request, List<StreamSetup> opening, Optional<Faces> sibling) {
        Optional<AddressFamily> requestFamily = request.streams().stream().flatMap(s -> partyAddress(s).stream())
                .findFirst().map(AddressFamily::of);
        List<Faces> out = new ArrayList<>(opening.size());
        for (StreamSetup s : opening) {
            Optional<AddressFamily> family = partyAddress(s).map(AddressFamily::of).or(() -> requestFamily);
            if (sibling.isPresent() && request.interfaces().any()
                    && family.map(f -> f == sibling.get().of(request.party()).family()).orElse(true)) {
                out.add(sibling.get());
                continue;
            }
            Optional<String> refused = interfaces.choose(request.interfaces(), family).fold(c -> {
                out.add(request.party() == Party.CALLER ? new Faces(c.sender(), c.reader())
                        : new Faces(c.reader(), c.sender()));
                return Optional.empty();
            }, u -> Optional.of("relay node " + nodeId + " has no media interface '" + u.asked() + "' (it has "
                    + interfaces + ")"), f -> Optional.of(noFamily(f, request.party(), s)));
            if (refused.isPresent()) {
                return new Refused(refused.get());
            }
        }
        return new Planned(out);
    }

    private String noFamily(MediaInterfaces.NoFamily f, Party party, StreamSetup s) {
        return "relay node " + nodeId + " has no " + f.family().label() + " media interface"
                + f.named().map(n -> " named '" + n + "'").orElse("") + " (it has " + interfaces + "): stream "
                + s.index() + " of the " + name(party) + partyAddress(s).map(a -> " is at " + IpLiteral.text(a))
                .orElse(" is " + f.family().label());
    }

    /**
     * Why the node cannot carry a stream of the request that it has already: the request's party is at an address of
     * another family than the port facing it (a party at an IPv6 address can neither reach an IPv4 port nor be sent
     * to from it). Empty when every party address matches.
     */
    Optional<String> foreignFamily(AllocateRequest request, Function<Integer, Optional<StreamPorts>> portsOf) {
        for (StreamSetup s : request.streams()) {
            Optional<InetAddress> party = partyAddress(s);
            Optional<StreamPorts> ports = portsOf.apply(s.index());
            if (party.isPresent() && ports.isPresent()) {
                String relay = ports.get().address(request.party());
                if (AddressFamily.of(party.get()) != AddressFamily.ofLiteral(relay)) {
                    return Optional.of("relay node " + nodeId + " cannot carry stream " + s.index() + " of the "
                            + name(request.party()) + " at " + IpLiteral.text(party.get()) + ": the port facing it is "
                            + "at " + relay + " (" + AddressFamily.ofLiteral(relay).label() + "), chosen by the offer "
                            + "(ask for " + AddressFamily.of(party.get()) + " there: address-family or direction)");
                }
            }
        }
        return Optional.empty();
    }

    /** The address a party's SDP names for a stream, unless it names none (a hold by 0.0.0.0 names none). */
    private static Optional<InetAddress> partyAddress(StreamSetup s) {
        return s.hints().rtp().map(a -> a.getAddress()).filter(a -> a != null && !a.isAnyLocalAddress());
    }

    private static String name(Party p) {
        return p.name().toLowerCase(Locale.ROOT);
    }
}
