package org.mediarelay.dispatcher;

import io.vertx.core.Future;
import org.mediarelay.accounting.cdr.DialogEnding;
import org.mediarelay.dispatcher.session.CallSession;

/**
 * Asks the SIP proxy to end a call's dialog (it sends BYE both ways) after the relay ended the call on its own (media
 * timeout, maximum duration, its relay node lost, a drain deadline, an operator): the endings of
 * {@link DialogEnding#asksProxy}. The endpoints then stop too, and the proxy's own accounting sees the call end. Never
 * used for a stream ICE took around the relay (the call goes on) or for an offer never answered (no dialog).
 */
public interface DialogEnder {

    DialogEnder NONE = session -> Future.succeededFuture(DialogEnding.NOT_CONFIGURED);

    /**
     * Completes with what became of the request ({@link DialogEnding#ENDED} when a proxy accepted it); never fails: a
     * refusal or an unreachable proxy is logged and reported as {@link DialogEnding#FAILED}.
     */
    Future<DialogEnding> end(CallSession session);
}
