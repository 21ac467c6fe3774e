package org.mediarelay.sdp.attribute;

import java.util.ArrayList;
import java.util.List;

/** {@code a=group:<semantics> <identification-tag>...} (RFC 5888), e.g. {@code a=group:BUNDLE 0 1}. */
public record Group(String semantics, List<String> mids) {

    public static final String NAME = "group";

    public Group {
        mids = List.copyOf(mids);
    }

    public static Group parse(String value) {
        List<String> t = new ArrayList<>();
        for (String s : value.split(" ")) {
            if (!s.isEmpty()) {
                t.add(s);
            }
        }
        if (t.isEmpty()) {
            throw new IllegalArgumentException("a=group:<semantics> <mid>...");
        }
        return new Group(t.get(0), t.subList(1, t.size()));
    }

    public boolean isBundle() {
        return semantics.equals("BUNDLE");
    }
}
