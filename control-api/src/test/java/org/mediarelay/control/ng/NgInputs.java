package org.mediarelay.control.ng;

import java.util.Map;
import org.mediarelay.dispatcher.command.SdpCommand;

/** What the ng front end reads from a request before the dispatcher sees it: the body of the ng fuzz tests. */
final class NgInputs {

    private NgInputs() {
    }

    static void read(Map<String, Object> dict) {
        NgRequest r = NgRequest.of(dict);
        String command = r.string("command").orElse("offer");
        NgFlags flags = NgFlags.of(r);
        NgKeys.warnings(r, command);
        for (SdpCommand.Kind kind : SdpCommand.Kind.values()) {
            try {
                NgSdpOptions.of(r, flags, kind);
            } catch (NgRequestException refused) {
                // an error reply
            }
        }
        NgSip.of(r);
        r.integer("limit");
        r.strings("supports");
        r.dictionary("codec");
    }
}
