package org.mediarelay.node.api;

import java.util.Objects;
import java.util.Optional;

/**
 * Which of the node's media interfaces a request asks for (ng {@code direction}, {@code from-interface},
 * {@code to-interface}, {@code address-family}; REST's and MediaProxy's equivalents). The sender is the party whose
 * SDP the request carries, the reader the party that will receive the rewritten SDP. A side names an interface by its
 * name or by one of its addresses; a side left empty is chosen by the node (see {@code docs/media.md}).
 *
 * @param sender       the interface facing the sender
 * @param reader       the interface facing the reader
 * @param readerFamily the address family the reader must see (else the sender's)
 */
public record InterfaceChoice(Optional<String> sender, Optional<String> reader, Optional<AddressFamily> readerFamily) {

    /** Nothing asked: the node's rules decide. */
    public static final InterfaceChoice ANY = new InterfaceChoice(Optional.empty(), Optional.empty(), Optional.empty());

    public InterfaceChoice {
        Objects.requireNonNull(sender);
        Objects.requireNonNull(reader);
        Objects.requireNonNull(readerFamily);
    }

    public boolean any() {
        return sender.isEmpty() && reader.isEmpty() && readerFamily.isEmpty();
    }

    /** Whether the request names an interface for either side. */
    public boolean named() {
        return sender.isPresent() || reader.isPresent();
    }

    public InterfaceChoice withReaderFamily(Optional<AddressFamily> family) {
        return new InterfaceChoice(sender, reader, family);
    }
}
