package org.mediarelay.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mediarelay.dispatcher.command.DeleteCommand;
import org.mediarelay.dispatcher.session.CallSession;

/** What a delete ends: rtpengine's rules for a forked call, on plain values. */
class DeleteTargetTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private static CallSession call() {
        return CallSession.offered("s", "c", "alice", "n1", T0);
    }

    /** Two branches offered by via-branch; bob-1 answered from the first. */
    private static CallSession forked() {
        CallSession s = call();
        s = s.withBranches(s.branches().withVia(0, "v1").added("s-2", "v2"));
        return s.answeredBy(0, "bob-1", "127.0.0.1", T0);
    }

    private static DeleteTarget target(CallSession s, String from, String to, String via) {
        return DeleteTarget.of(s, new DeleteCommand("c", from, Optional.ofNullable(to), false, false,
                Optional.ofNullable(via)));
    }

    @Nested
    class WithoutToTag {

        @Test
        void ends_the_call_as_a_bye_does() {
            assertEquals(new DeleteTarget.WholeCall(), target(forked(), "alice", null, null));
            assertEquals(new DeleteTarget.WholeCall(), target(forked(), "bob-1", null, "z9hG4bK-bye"));
        }

        @Test
        void ends_the_branch_a_known_via_branch_names() {
            assertEquals(new DeleteTarget.Branch(1, "v2"), target(forked(), "alice", null, "v2"));
        }

        @Test
        void finds_nothing_for_tags_of_no_party() {
            assertEquals(new DeleteTarget.None(), target(forked(), "mallory", null, null));
        }
    }

    @Nested
    class WithToTag {

        @Test
        void of_the_caller_ends_the_call() {
            assertEquals(new DeleteTarget.WholeCall(), target(forked(), "bob-1", "alice", null));
        }

        @Test
        void of_a_branch_ends_that_branch_and_of_the_last_branch_the_call() {
            assertEquals(new DeleteTarget.Branch(0, "bob-1"), target(forked(), "alice", "bob-1", null));
            CallSession one = call().answeredBy(0, "bob", "127.0.0.1", T0);
            assertEquals(new DeleteTarget.WholeCall(), target(one, "alice", "bob", null));
        }

        @Test
        void of_one_of_several_tags_answering_on_a_shared_branch_ends_that_tag_only() {
            CallSession shared = call().answeredBy(0, "bob-1", "127.0.0.1", T0).answeredBy(0, "bob-2", "127.0.0.1",
                    T0);
            assertEquals(new DeleteTarget.Tag(0, "bob-2"), target(shared, "alice", "bob-2", null));
        }

        @Test
        void that_never_answered_ends_its_via_branch_or_the_unanswered_call_or_nothing() {
            assertEquals(new DeleteTarget.Branch(1, "v2"), target(forked(), "alice", "bob-486", "v2"));
            assertEquals(new DeleteTarget.WholeCall(), target(call(), "alice", "bob-486", null));
            assertEquals(new DeleteTarget.None(), target(forked(), "alice", "bob-486", null));
        }

        @Test
        void flagged_branch_only_ends_that_answer_alone_even_when_it_was_the_only_one() {
            CallSession one = call().answeredBy(0, "bob", "127.0.0.1", T0);
            assertEquals(new DeleteTarget.Tag(0, "bob"), DeleteTarget.of(one, new DeleteCommand("c", "alice",
                    Optional.of("bob"), true)));
        }
    }

    @Test
    void an_operators_forced_delete_ends_the_call() {
        assertEquals(new DeleteTarget.WholeCall(), DeleteTarget.of(forked(), new DeleteCommand("c", "alice",
                Optional.of("bob-1"), false, true)));
    }
}
