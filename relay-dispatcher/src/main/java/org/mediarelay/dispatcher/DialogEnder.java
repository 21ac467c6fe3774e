package org.mediarelay.dispatcher;

import io.vertx.core.Future;
import org.mediarelay.dispatcher.session.CallSession;

/**
 * Asks the SIP proxy to end a call's dialog (it sends BYE both ways), after the relay ended the call because its
 * media timed out: the endpoints then stop too, and the proxy's own accounting sees the call end. Never used for a
 * stream ICE took around the relay (the call goes on) or for an offer never answered (no dialog).
 */
public interface DialogEnder {

    DialogEnder NONE = session -> Future.succeededFuture();

    /** Completes when the proxies were asked; a refusal or an unreachable proxy is logged, not failed. */
    Future<Void> end(CallSession session);
}
