package org.mediarelay.dispatcher.session;

/**
 * What the signalling told of the SIP dialog behind a call, for its record (docs/cdr.md, Answer time and roles).
 *
 * @param lateOffer   the first offer came in a response to an INVITE without SDP: its sender is the dialog's callee,
 *                    and the party it was offered to (the answerer) is the dialog's caller
 * @param answerFinal the answer time is settled: an answer came in a 2xx, or an offer followed an answer (a re-INVITE
 *                    or UPDATE of a confirmed dialog); until then each new answer moves it
 */
public record DialogState(boolean lateOffer, boolean answerFinal) {

    public static final DialogState NONE = new DialogState(false, false);

    public DialogState settled() {
        return new DialogState(lateOffer, true);
    }
}
