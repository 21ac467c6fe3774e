package org.mediarelay.dispatcher.command;

/** The outcome of an offer or answer: the SDP to pass on, or why there is none. */
public sealed interface SdpOutcome permits SdpOutcome.Rewritten, Failure {

    /** The SDP for the other party, pointing at the relay; everything the relay did not need to change is as received. */
    record Rewritten(String sdp) implements SdpOutcome {
    }
}
