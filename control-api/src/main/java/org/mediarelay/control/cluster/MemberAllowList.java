package org.mediarelay.control.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.internal.util.AddressUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The addresses a cluster member may join from. Given in {@code cluster.yaml} as the property {@value #PROPERTY}
 * (comma-separated, in Hazelcast's interface syntax: {@code 10.0.0.5}, {@code 10.0.0.*}, {@code 10.0.0.10-20}, an
 * IPv6 address); without it, the hosts the file already names as members: {@code join.tcp-ip.member-list} (ports
 * dropped, host names resolved at start) and {@code network.interfaces}. An empty list (no member-list, no property)
 * lets anyone join, and says so.
 */
public final class MemberAllowList {

    /** The {@code cluster.yaml} property (under {@code hazelcast.properties}) naming who may join. */
    public static final String PROPERTY = "mediarelay.cluster.allow";

    private final List<String> patterns;

    MemberAllowList(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** The list a member configuration implies (see the class comment). */
    public static MemberAllowList of(Config config) {
        String explicit = config.getProperty(PROPERTY);
        if (explicit != null) {
            return new MemberAllowList(Arrays.stream(explicit.split(",")).map(String::trim)
                    .filter(p -> !p.isEmpty()).toList());
        }
        Set<String> named = new LinkedHashSet<>();
        JoinConfig join = config.getNetworkConfig().getJoin();
        if (join.getTcpIpConfig().isEnabled()) {
            for (String member : join.getTcpIpConfig().getMembers()) {
                for (String entry : member.split("[,;\\s]+")) {
                    named.addAll(hostsOf(entry));
                }
            }
        }
        if (config.getNetworkConfig().getInterfaces().isEnabled()) {
            named.addAll(config.getNetworkConfig().getInterfaces().getInterfaces());
        }
        return new MemberAllowList(new ArrayList<>(named));
    }

    /** Whether anyone may join: nothing names the members. */
    public boolean open() {
        return patterns.isEmpty();
    }

    /** Whether a member at this address (an IP literal, as Hazelcast reports it) may join. */
    public boolean allows(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return open() || AddressUtil.matchAnyInterface(bare, patterns);
    }

    public List<String> patterns() {
        return patterns;
    }

    /** A member-list entry without its port; a host name as the addresses it resolves to now. */
    private static List<String> hostsOf(String entry) {
        String host = entry.trim();
        if (host.isEmpty()) {
            return List.of();
        }
        if (host.startsWith("[")) {
            host = host.substring(1, host.indexOf(']') > 0 ? host.indexOf(']') : host.length());
        } else if (host.indexOf(':') == host.lastIndexOf(':') && host.indexOf(':') > 0) {
            host = host.substring(0, host.indexOf(':'));
        }
        // An address, or an IPv4 pattern (10.0.0.*, 10.0.0.10-20); anything else is a host name.
        if (host.matches("[0-9.*-]+") || AddressUtil.isIpAddress(host)) {
            return List.of(host);
        }
        try {
            return Arrays.stream(InetAddress.getAllByName(host)).map(InetAddress::getHostAddress).toList();
        } catch (UnknownHostException e) {
            return List.of(); // not a member while it does not resolve
        }
    }
}
