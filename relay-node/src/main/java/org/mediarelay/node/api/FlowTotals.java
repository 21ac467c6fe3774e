package org.mediarelay.node.api;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** Packets and bytes forwarded in one direction, summed over many streams, by kind; and what was dropped, by reason. */
public record FlowTotals(Counter rtp, Counter rtcp, Counter stun, Counter keyExchange, Counter udptl, Counter other,
                         Map<DropReason, Long> drops) {

    public static final FlowTotals ZERO = new FlowTotals(Counter.ZERO, Counter.ZERO, Counter.ZERO, Counter.ZERO,
            Counter.ZERO, Counter.ZERO, Map.of());

    public FlowTotals {
        Objects.requireNonNull(rtp);
        Objects.requireNonNull(rtcp);
        Objects.requireNonNull(stun);
        Objects.requireNonNull(keyExchange);
        Objects.requireNonNull(udptl);
        Objects.requireNonNull(other);
        drops = Map.copyOf(drops);
    }

    public FlowTotals plus(PartyFlow f) {
        return plus(f.rtp(), f.rtcp(), f.stun(), f.keyExchange(), f.udptl(), f.other(), f.drops());
    }

    public FlowTotals plus(FlowTotals f) {
        return plus(f.rtp(), f.rtcp(), f.stun(), f.keyExchange(), f.udptl(), f.other(), f.drops());
    }

    private FlowTotals plus(Counter r, Counter c, Counter s, Counter k, Counter u, Counter o, Map<DropReason, Long> d) {
        Map<DropReason, Long> sum = new EnumMap<>(DropReason.class);
        sum.putAll(drops);
        d.forEach((reason, n) -> sum.merge(reason, n, Long::sum));
        return new FlowTotals(rtp.plus(r), rtcp.plus(c), stun.plus(s), keyExchange.plus(k), udptl.plus(u),
                other.plus(o), sum);
    }
}
