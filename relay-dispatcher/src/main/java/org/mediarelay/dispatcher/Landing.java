package org.mediarelay.dispatcher;

import org.mediarelay.dispatcher.session.CallSession;
import org.mediarelay.node.api.NodeApi;
import org.mediarelay.node.api.Party;

/**
 * Where one offer or answer lands: the call's session (as it will be once the command succeeds), the party that sent
 * it, the call's relay node, and the branch of the callee side it is about.
 */
record Landing(CallSession session, Party party, NodeApi node, int branch) {

    /** The node session that carries this branch's media. */
    String nodeSession() {
        return session.branches().get(branch).nodeSession();
    }

    Landing withSession(CallSession s) {
        return new Landing(s, party, node, branch);
    }
}
