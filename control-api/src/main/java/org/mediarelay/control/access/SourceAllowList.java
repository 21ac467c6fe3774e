package org.mediarelay.control.access;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.mediarelay.node.api.IpLiteral;

/**
 * Which source networks may send control requests (ng, the MediaProxy TCP socket). A refused request is dropped
 * unanswered (answering would help a scanner), logged once per source address and counted per protocol.
 */
public final class SourceAllowList {

    private static final System.Logger LOG = System.getLogger(SourceAllowList.class.getName());
    /** Sources logged so far; past this many, refusals are only counted. */
    private static final int MAX_LOGGED = 1024;

    private final List<Cidr> allowed;
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
    private final Set<InetAddress> logged = ConcurrentHashMap.newKeySet();
    /**
     * Sources found allowed, as the socket spelled them: a proxy sends every request from the same few addresses, and
     * each would otherwise be parsed and matched again. Bounded like {@link #logged}.
     */
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    public SourceAllowList(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** Whether {@code host} (an IP literal, as sockets report it) may use {@code protocol}. */
    public boolean allows(String host, String protocol) {
        if (admitted.contains(host)) {
            return true;
        }
        Optional<InetAddress> a = IpLiteral.parse(host);
        if (a.isPresent() && allowed.stream().anyMatch(c -> c.contains(a.get()))) {
            if (admitted.size() < MAX_LOGGED) {
                admitted.add(host);
            }
            return true;
        }
        refused.computeIfAbsent(protocol, p -> new LongAdder()).increment();
        if (a.isPresent() && logged.size() < MAX_LOGGED && logged.add(a.get())) {
            LOG.log(Level.WARNING, () -> protocol + " request from " + host + " refused: not in the allowed networks "
                    + allowed + " (further refusals of this address are only counted)");
        }
        return false;
    }

    /** Refused requests since start, by protocol. */
    public Map<String, Long> refusals() {
        Map<String, Long> out = new TreeMap<>();
        refused.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public List<Cidr> allowed() {
        return allowed;
    }
}
