package org.mediarelay.dispatcher.dialog;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.mediarelay.accounting.cdr.DialogEnding;
import org.mediarelay.dispatcher.DialogEnder;

/**
 * The dialog client {@code dialog.end} asks for: every listed proxy is asked, each in its own protocol (Kamailio's
 * JSON-RPC over HTTP, OpenSIPS's MI).
 */
public final class DialogEnders {

    private DialogEnders() {
    }

    /** Asks each of {@code kamailio} and {@code opensips} (none: {@link DialogEnder#NONE}). */
    public static DialogEnder of(Vertx vertx, List<URI> kamailio, List<URI> opensips) {
        List<DialogEnder> enders = new ArrayList<>();
        if (!kamailio.isEmpty()) {
            enders.add(new KamailioDialogs(vertx, kamailio));
        }
        if (!opensips.isEmpty()) {
            enders.add(new OpenSipsDialogs(vertx, opensips));
        }
        if (enders.isEmpty()) {
            return DialogEnder.NONE;
        }
        if (enders.size() == 1) {
            return enders.get(0);
        }
        return session -> best(enders.stream().map(e -> e.end(session)).toList());
    }

    /** What several proxies' answers come to, once all are in (a failed one counts as {@code failed}). */
    static Future<DialogEnding> best(List<Future<DialogEnding>> asked) {
        return Future.join(asked).transform(x -> Future.succeededFuture(bestOf(
                asked.stream().map(f -> f.succeeded() ? f.result() : DialogEnding.FAILED).toList())));
    }

    /** Ended if one proxy ended it, else gone if one no longer had it, else failed. */
    static DialogEnding bestOf(List<DialogEnding> answers) {
        if (answers.contains(DialogEnding.ENDED)) {
            return DialogEnding.ENDED;
        }
        return answers.contains(DialogEnding.GONE) ? DialogEnding.GONE : DialogEnding.FAILED;
    }
}
