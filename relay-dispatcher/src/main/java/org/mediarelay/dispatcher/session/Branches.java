package org.mediarelay.dispatcher.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The callee side of a call: one branch per destination a forking proxy sent the INVITE to. A branch the proxy tells
 * apart by {@code via-branch} (it sends an offer per branch) has relay ports of its own, a session of its own on the
 * node: its early media reaches the caller whatever the other branches do, and ending it frees its ports alone.
 * Answers that come without a {@code via-branch} of their own (one offer for every destination) share a branch, each
 * answering tag a callee of it. The <em>active</em> branch is the one whose answer came last: the caller's media goes
 * there, and the call's callee in its CDR is its latest tag.
 *
 * @param list   the branches, oldest first; the first is the call's own node session
 * @param activeIndex index of the active branch in {@code list}
 */
public record Branches(List<Branch> list, int activeIndex) {

    /** More branches than a proxy forks to; a call's branches are the proxy's input, so they are bounded. */
    public static final int MAX = 16;

    /**
     * One branch.
     *
     * @param nodeSession its session on the call's relay node
     * @param via         the {@code via-branch} the proxy named it by, once it did
     * @param tags        the tags that answered from it, oldest first
     */
    public record Branch(String nodeSession, Optional<String> via, List<String> tags) {
        public Branch {
            Objects.requireNonNull(nodeSession);
            Objects.requireNonNull(via);
            tags = List.copyOf(tags);
        }

        Branch withVia(String v) {
            return new Branch(nodeSession, Optional.of(v), tags);
        }

        Branch withTag(String tag) {
            if (tags.contains(tag)) {
                return this;
            }
            List<String> next = new ArrayList<>(tags);
            next.add(tag);
            return new Branch(nodeSession, via, next);
        }

        Branch withoutTag(String tag) {
            List<String> next = new ArrayList<>(tags);
            next.remove(tag);
            return new Branch(nodeSession, via, next);
        }
    }

    public Branches {
        list = List.copyOf(list);
        if (list.isEmpty() || activeIndex < 0 || activeIndex >= list.size()) {
            throw new IllegalArgumentException("a call has at least one branch, and an active one");
        }
    }

    /** A new call's one branch, on the call's own node session. */
    public static Branches of(String nodeSession) {
        return new Branches(List.of(new Branch(nodeSession, Optional.empty(), List.of())), 0);
    }

    public Branch active() {
        return list.get(activeIndex);
    }

    public Branch get(int index) {
        return list.get(index);
    }

    public int size() {
        return list.size();
    }

    /** The branch a tag answered from. */
    public OptionalInt byTag(String tag) {
        return first(b -> b.tags().contains(tag));
    }

    /** The branch the proxy named so. */
    public OptionalInt byVia(String via) {
        return first(b -> b.via().filter(via::equals).isPresent());
    }

    /** The branch of a node session, if it is one of this call's. */
    public OptionalInt byNodeSession(String nodeSession) {
        return first(b -> b.nodeSession().equals(nodeSession));
    }

    private OptionalInt first(java.util.function.Predicate<Branch> which) {
        for (int i = 0; i < list.size(); i++) {
            if (which.test(list.get(i))) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** Whether any tag has answered from any branch. */
    public boolean anyAnswered() {
        return list.stream().anyMatch(b -> !b.tags().isEmpty());
    }

    public Branches withVia(int index, String via) {
        return replaced(index, list.get(index).withVia(via), activeIndex);
    }

    /** {@code tag} answered from branch {@code index}: it is the active branch now. */
    public Branches answered(int index, String tag) {
        return replaced(index, list.get(index).withTag(tag), index);
    }

    /** A new branch with ports of its own (an offer named a new {@code via-branch}); not active until it answers. */
    public Branches added(String nodeSession, String via) {
        if (list.size() >= MAX) {
            throw new IllegalStateException("a call has at most " + MAX + " branches");
        }
        List<Branch> next = new ArrayList<>(list);
        next.add(new Branch(nodeSession, Optional.of(via), List.of()));
        return new Branches(next, activeIndex);
    }

    /**
     * Without branch {@code index}: the active branch is then the one whose answer came last of those left (the one
     * latest in the list that has answered, else the first). There must be another branch.
     */
    public Branches removed(int index) {
        List<Branch> next = new ArrayList<>(list);
        next.remove(index);
        int act = activeIndex == index ? lastAnswered(next) : activeIndex > index ? activeIndex - 1 : activeIndex;
        return new Branches(next, act);
    }

    /** Without a tag of a shared branch, whose other tags answer on. */
    public Branches withoutTag(int index, String tag) {
        return replaced(index, list.get(index).withoutTag(tag), activeIndex);
    }

    private Branches replaced(int index, Branch b, int newActive) {
        List<Branch> next = new ArrayList<>(list);
        next.set(index, b);
        return new Branches(next, newActive);
    }

    private static int lastAnswered(List<Branch> branches) {
        for (int i = branches.size() - 1; i >= 0; i--) {
            if (!branches.get(i).tags().isEmpty()) {
                return i;
            }
        }
        return 0;
    }
}
