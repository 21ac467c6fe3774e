package org.mediarelay.dispatcher;

import java.util.Optional;
import java.util.OptionalInt;
import org.mediarelay.dispatcher.command.DeleteCommand;
import org.mediarelay.dispatcher.session.Branches;
import org.mediarelay.dispatcher.session.CallSession;
import org.mediarelay.node.api.Party;

/**
 * What a delete ends, by rtpengine's rules for a forked call (its {@code call_delete_branch}), which proxies rely on:
 * Kamailio and OpenSIPS send no to-tag with a delete unless told to ({@code to-tag} flag), so a BYE ends the call,
 * while a failure route that names the failed branch (its to-tag or {@code via-branch}) ends that branch only.
 *
 * <ol>
 * <li>Neither tag is a party of the call: nothing (not found).</li>
 * <li>A to-tag of the caller: the call. A to-tag that answered from a branch: that tag; its branch ends with it
 * unless other tags answered from it (one offer for several destinations: they share its ports).</li>
 * <li>A to-tag that never answered (a destination that failed without SDP): the branch the {@code via-branch}
 * names; else, when no destination answered yet, the call (nothing else can end it); else nothing.</li>
 * <li>No to-tag: the branch the {@code via-branch} names, else the call.</li>
 * <li>A branch that is the call's last ends the call.</li>
 * <li>With {@code branchOnly} (ng flag {@code to-tag}) only the to-tag's answer ends, whatever is left.</li>
 * </ol>
 * Pure.
 */
sealed interface DeleteTarget {

    /** The whole call: its sessions close, its CDR is written. */
    record WholeCall() implements DeleteTarget {
    }

    /** Branch {@code index} ends: its node session closes. */
    record Branch(int index, String named) implements DeleteTarget {
    }

    /** A tag of a shared branch stops being a callee; the branch and its ports stay for its other tags. */
    record Tag(int branch, String tag) implements DeleteTarget {
    }

    /** Nothing of the call matches. */
    record None() implements DeleteTarget {
    }

    static DeleteTarget of(CallSession s, DeleteCommand c) {
        if (c.forced()) {
            return new WholeCall();
        }
        boolean fromKnown = s.partyOf(c.fromTag()).isPresent();
        Optional<Party> to = c.toTag().flatMap(s::partyOf);
        if (!fromKnown && to.isEmpty()) {
            return new None();
        }
        Branches b = s.branches();
        OptionalInt via = c.viaBranch().map(b::byVia).orElse(OptionalInt.empty());
        if (c.branchOnly()) {
            // The proxy insists on the branch alone (ng flag to-tag): the call waits for another answer even when
            // this was its only callee.
            OptionalInt k = b.byTag(c.toTag().orElseThrow());
            if (k.isEmpty()) {
                return new None();
            }
            int i = k.getAsInt();
            return b.size() > 1 && b.get(i).tags().size() == 1 ? new Branch(i, c.toTag().get())
                    : new Tag(i, c.toTag().get());
        }
        DeleteTarget target;
        if (c.toTag().isPresent()) {
            String tag = c.toTag().get();
            OptionalInt answeredFrom = b.byTag(tag);
            if (to.filter(p -> p == Party.CALLER).isPresent()) {
                target = new WholeCall();
            } else if (answeredFrom.isPresent()) {
                int k = answeredFrom.getAsInt();
                target = b.get(k).tags().size() > 1 ? new Tag(k, tag) : new Branch(k, tag);
            } else if (via.isPresent()) {
                target = new Branch(via.getAsInt(), c.viaBranch().get());
            } else if (to.isPresent() || !b.anyAnswered()) {
                // A re-tagged callee (an alias) is the callee of the only branch; no answer yet: the call failed.
                target = new WholeCall();
            } else {
                target = new None();
            }
        } else {
            target = via.isPresent() ? new Branch(via.getAsInt(), c.viaBranch().get()) : new WholeCall();
        }
        if (target instanceof Branch br && b.size() == 1) {
            return new WholeCall();
        }
        return target;
    }
}
