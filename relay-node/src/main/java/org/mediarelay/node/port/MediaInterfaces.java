package org.mediarelay.node.port;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.Set;
import org.mediarelay.node.api.AddressFamily;
import org.mediarelay.node.api.InterfaceChoice;

/**
 * A node's media interfaces, in configuration order, and the rule that picks the two that face a new stream's parties.
 * The first interface's name is the default logical interface. Pure: no sockets, no state.
 *
 * <p>The rule, for each side (see {@code docs/media.md}):
 * <ol>
 * <li>A side the request names (by interface name or address) is chosen among that logical interface's addresses
 * only; an unknown name is refused. A side not named prefers the default logical interface, then any other.</li>
 * <li>The sender's side takes the family of the sender's address; when it has none (no address in the SDP yet) the
 * first candidate. A sender whose family no candidate has is refused: it could not reach the relay.</li>
 * <li>The reader's side takes the family asked for ({@code address-family}), else that of the sender's side; when no
 * candidate has it, the first candidate (the proxy sees which address it got).</li>
 * </ol>
 */
public final class MediaInterfaces {

    private final List<MediaInterface> all;

    public MediaInterfaces(List<MediaInterface> all) {
        if (all.isEmpty()) {
            throw new IllegalArgumentException("a node needs at least one media interface");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (MediaInterface i : all) {
            if (!seen.add(i.name() + "/" + i.family())) {
                throw new IllegalArgumentException("interface " + i.name() + " has two " + i.family().label()
                        + " addresses; give each its own name");
            }
        }
        this.all = List.copyOf(all);
    }

    public List<MediaInterface> all() {
        return all;
    }

    /** The first interface: the one of a node with a single interface, and the node's primary address. */
    public MediaInterface primary() {
        return all.get(0);
    }

    /** The two interfaces facing a new stream's parties, or why there are none. */
    public sealed interface Choice permits Chosen, UnknownInterface, NoFamily {

        /** This choice to the function for its kind. */
        default <R> R fold(Function<? super Chosen, ? extends R> chosen,
                           Function<? super UnknownInterface, ? extends R> unknown,
                           Function<? super NoFamily, ? extends R> noFamily) {
            if (this instanceof Chosen c) {
                return chosen.apply(c);
            }
            return this instanceof UnknownInterface u ? unknown.apply(u) : noFamily.apply((NoFamily) this);
        }
    }

    public record Chosen(MediaInterface sender, MediaInterface reader) implements Choice {
    }

    /** The request names an interface (or address) the node does not have. */
    public record UnknownInterface(String asked) implements Choice {
    }

    /** No candidate for the sender's side has an address of the sender's family ({@code named}: the side named). */
    public record NoFamily(AddressFamily family, Optional<String> named) implements Choice {
    }

    /**
     * @param senderFamily the family of the sender's media address, when its SDP names one
     */
    public Choice choose(InterfaceChoice asked, Optional<AddressFamily> senderFamily) {
        Optional<List<MediaInterface>> senders = candidates(asked.sender());
        Optional<List<MediaInterface>> readers = candidates(asked.reader());
        if (senders.isEmpty() || readers.isEmpty()) {
            return new UnknownInterface(senders.isEmpty() ? asked.sender().orElseThrow() : asked.reader().orElseThrow());
        }
        MediaInterface sender;
        if (senderFamily.isPresent()) {
            Optional<MediaInterface> match = first(senders.get(), senderFamily.get());
            if (match.isEmpty()) {
                return new NoFamily(senderFamily.get(), asked.sender());
            }
            sender = match.get();
        } else {
            sender = senders.get().get(0);
        }
        AddressFamily wanted = asked.readerFamily().orElse(sender.family());
        return new Chosen(sender, first(readers.get(), wanted).orElse(readers.get().get(0)));
    }

    /** The interfaces a side may take, best first; empty when it names no interface of this node. */
    private Optional<List<MediaInterface>> candidates(Optional<String> named) {
        if (named.isPresent()) {
            Optional<MediaInterface> hit = all.stream().filter(i -> i.answersTo(named.get())).findFirst();
            // An address names one interface; a name, all its addresses.
            return hit.map(h -> h.name().equals(named.get())
                    ? all.stream().filter(i -> i.name().equals(h.name())).toList() : List.of(h));
        }
        List<MediaInterface> out = new ArrayList<>();
        all.stream().filter(i -> i.name().equals(primary().name())).forEach(out::add);
        all.stream().filter(i -> !i.name().equals(primary().name())).forEach(out::add);
        return Optional.of(out);
    }

    private static Optional<MediaInterface> first(List<MediaInterface> candidates, AddressFamily family) {
        return candidates.stream().filter(i -> i.family() == family).findFirst();
    }

    /** Each interface's name and advertised address, for messages: {@code internal 10.0.0.1, external 192.0.2.4}. */
    @Override
    public String toString() {
        return String.join(", ", all.stream().map(i -> i.name() + " " + i.advertised()).toList());
    }
}
