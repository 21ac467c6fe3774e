package org.mediarelay.node.api;

/** One media stream to relay, identified within its session by the index of its {@code m=} line. */
public record StreamSetup(int index, String media, PartyHints hints) {
}
