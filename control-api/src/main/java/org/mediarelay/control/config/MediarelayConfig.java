package org.mediarelay.control.config;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.mediarelay.control.access.Cidr;
import org.mediarelay.node.RelayNodeConfig;
import org.mediarelay.node.api.IpLiteral;
import org.mediarelay.node.forward.DataPlane;
import org.mediarelay.node.ice.IcePolicy;
import org.mediarelay.node.kernel.KernelMode;
import org.mediarelay.node.api.EndpointLearning;
import org.mediarelay.node.latch.LatchPolicy;
import org.mediarelay.node.port.MediaInterface;
import org.mediarelay.node.port.PortRange;
import org.mediarelay.node.session.TimeoutPolicy;

/**
 * The validated configuration of one mediarelay process. Built once at start from {@link Settings}; every invalid
 * value stops the start with a {@link ConfigException} naming the key, the value, its source and the reason.
 */
public record MediarelayConfig(Role role, HostPort ngListen, List<Cidr> ngAllow, HostPort httpListen,
                               List<String> httpTokens, Optional<Path> mediaproxySocket, Optional<HostPort> mediaproxyListen,
                               List<MediaInterface> mediaInterfaces, Path dataDir, Path clusterConfig,
                               Optional<String> clusterName, String nodeId, int mediaThreads,
                               DataPlane.Transport mediaTransport, KernelMode mediaKernel, int mediaReadyPairs,
                               LatchPolicy latch,
                               TimeoutPolicy timeouts,
                               IcePolicy ice, int nodeWeight, List<DialogProxy> dialogProxies, CdrConfig cdr) {

    public static MediarelayConfig from(Settings s, Path workDir, RandomGenerator random) {
        Role role = parse(s, ConfigKey.ROLE, v -> Role.fromToken(v).orElseThrow(() ->
                new IllegalArgumentException("expected all, dispatcher or relay")));
        HostPort ng = parse(s, ConfigKey.NG_LISTEN, HostPort::parse);
        List<Cidr> ngAllow = parse(s, ConfigKey.NG_ALLOW, MediarelayConfig::networks);
        HostPort http = parse(s, ConfigKey.HTTP_LISTEN, HostPort::parse);
        List<String> tokens = s.get(ConfigKey.HTTP_TOKENS).map(x -> parse(s, ConfigKey.HTTP_TOKENS,
                MediarelayConfig::tokens)).orElse(List.of());
        List<MediaInterface> interfaces = mediaInterfaces(s);
        Path dataDir = parse(s, ConfigKey.DATA_DIR, v -> {
            Path p = workDir.resolve(v).normalize();
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new IllegalArgumentException("exists and is not a directory");
            }
            return p;
        });
        Path cluster = parse(s, ConfigKey.CLUSTER_CONFIG, v -> {
            Path p = workDir.resolve(v).normalize();
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("no such file");
            }
            return p;
        });
        Optional<String> clusterName = s.get(ConfigKey.CLUSTER_NAME).map(x -> parse(s, ConfigKey.CLUSTER_NAME,
                MediarelayConfig::name));
        String nodeId = s.get(ConfigKey.NODE_ID).map(x -> parse(s, ConfigKey.NODE_ID, MediarelayConfig::name))
                .orElseGet(() -> "relay-" + HexFormat.of().toHexDigits(random.nextInt()));
        int threads = s.get(ConfigKey.MEDIA_THREADS).map(x -> parse(s, ConfigKey.MEDIA_THREADS,
                v -> count(v, 1, 256))).orElse(Runtime.getRuntime().availableProcessors());
        DataPlane.Transport transport = parse(s, ConfigKey.MEDIA_TRANSPORT, v -> {
            if (!v.matches("auto|io_uring|epoll|nio")) {
                throw new IllegalArgumentException("expected auto, io_uring, epoll or nio");
            }
            return DataPlane.Transport.fromToken(v);
        });
        KernelMode kernel = parse(s, ConfigKey.MEDIA_KERNEL, v -> KernelMode.fromToken(v).orElseThrow(
                () -> new IllegalArgumentException("expected auto, on or off")));
        int readyPairs = parse(s, ConfigKey.MEDIA_READY_PAIRS, v -> count(v, 0, 4096));
        LatchPolicy latch = new LatchPolicy(duration(s, ConfigKey.LATCH_WINDOW),
                parse(s, ConfigKey.LATCH_STRICT_SOURCE, MediarelayConfig::bool), duration(s, ConfigKey.LATCH_REBIND_SILENCE),
                parse(s, ConfigKey.LATCH_REBIND_PACKETS, v -> count(v, 1, 1000)),
                parse(s, ConfigKey.ENDPOINT_LEARNING, v -> EndpointLearning.parse(v).orElseThrow(
                        () -> new IllegalArgumentException("expected heuristic, delayed, off or immediate"))));
        TimeoutPolicy timeouts;
        try {
            timeouts = new TimeoutPolicy(duration(s, ConfigKey.TIMEOUT_NO_MEDIA), duration(s, ConfigKey.TIMEOUT_ON_HOLD),
                    duration(s, ConfigKey.TIMEOUT_OFFER), duration(s, ConfigKey.TIMEOUT_MAX_DURATION));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("media.timeout.*: " + e.getMessage());
        }
        IcePolicy ice = new IcePolicy(duration(s, ConfigKey.ICE_MEDIA_IDLE), duration(s, ConfigKey.ICE_CHECKS_QUIET),
                duration(s, ConfigKey.ICE_NOMINATED_QUIET));
        Optional<Path> mpSocket = parse(s, ConfigKey.MEDIAPROXY_SOCKET, v -> v.equals("off") ? Optional.<Path>empty()
                : Optional.of(dataDir.resolve(v).normalize()));
        mpSocket.filter(p -> p.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 100)
                .ifPresent(p -> {
                    throw new ConfigException("mediaproxy.socket " + p + ": longer than a UNIX socket path may be");
                });
        Optional<HostPort> mpListen = parse(s, ConfigKey.MEDIAPROXY_LISTEN, v -> v.equals("off")
                ? Optional.<HostPort>empty() : Optional.of(HostPort.parse(v)));
        return new MediarelayConfig(role, ng, ngAllow, http, tokens, mpSocket, mpListen, interfaces, dataDir,
                cluster, clusterName, nodeId, threads, transport, kernel, readyPairs, latch, timeouts, ice,
                parse(s, ConfigKey.NODE_WEIGHT, v -> count(v, 1, 1000)),
                s.get(ConfigKey.DIALOG_END).map(x -> parse(s, ConfigKey.DIALOG_END, DialogProxy::parseList))
                        .orElse(List.of()), CdrConfig.from(s));
    }

    /**
     * The media interfaces: {@code media.interfaces}, else one named {@code default} from {@code media.interface},
     * {@code media.advertised} and {@code media.ports}. Setting both forms is refused: one would be ignored.
     */
    private static List<MediaInterface> mediaInterfaces(Settings s) {
        PortRange ports = parse(s, ConfigKey.MEDIA_PORTS, PortRange::parse);
        if (s.get(ConfigKey.MEDIA_INTERFACES).isPresent()) {
            for (ConfigKey single : List.of(ConfigKey.MEDIA_INTERFACE, ConfigKey.MEDIA_ADVERTISED)) {
                s.get(single).filter(v -> !v.source().equals("default")).ifPresent(v -> {
                    throw new ConfigException(single.key() + " (from " + v.source() + ") and media.interfaces are both "
                            + "set: give the interface in media.interfaces");
                });
            }
            return parse(s, ConfigKey.MEDIA_INTERFACES, v -> MediaInterfaceList.parse(v, ports,
                    MediarelayConfig::localAddress));
        }
        InetAddress iface = parse(s, ConfigKey.MEDIA_INTERFACE, MediarelayConfig::localAddress);
        Optional<String> advertised = s.get(ConfigKey.MEDIA_ADVERTISED)
                .map(x -> parse(s, ConfigKey.MEDIA_ADVERTISED, v -> IpLiteral.parse(v)
                        .filter(a -> !a.isAnyLocalAddress())
                        .map(IpLiteral::text)
                        .orElseThrow(() -> new IllegalArgumentException("expected the IP address peers send media to"))));
        if (advertised.isEmpty() && iface.isAnyLocalAddress()) {
            throw new ConfigException("media.advertised must be set when media.interface is "
                    + IpLiteral.text(iface) + " (peers cannot send to a wildcard address)");
        }
        try {
            // The address written into SDP, as RFC 5952 has it ("::1", not Java's "0:0:0:0:0:0:0:1").
            return List.of(new MediaInterface(MediaInterface.DEFAULT_NAME, iface,
                    advertised.orElse(IpLiteral.text(iface)), ports));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("media.interface / media.advertised: " + e.getMessage());
        }
    }

    /** The address the node's SDPs name first: its first media interface's. */
    public String mediaAdvertised() {
        return mediaInterfaces.get(0).advertised();
    }

    /** The relay node's part of this configuration. */
    public RelayNodeConfig relayNode() {
        return new RelayNodeConfig(nodeId, mediaInterfaces, mediaThreads,
                RelayNodeConfig.DEFAULT_REQUEST_TIMEOUT, latch, timeouts, ice, mediaTransport, mediaReadyPairs,
                mediaKernel);
    }

    private static Duration duration(Settings s, ConfigKey key) {
        return parse(s, key, Durations::parse);
    }

    private static int count(String v, int min, int max) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("expected a whole number from " + min + " to " + max);
    }

    private static boolean bool(String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("expected true or false");
    }

    static <T> T parse(Settings s, ConfigKey key, Function<String, T> parser) {
        Setting setting = s.get(key).orElseThrow(() -> new ConfigException(key.key() + " is required"));
        try {
            return parser.apply(setting.value());
        } catch (IllegalArgumentException e) {
            String shown = key.secret() ? "<hidden>" : setting.value();
            throw new ConfigException(key.key() + " = '" + shown + "' (from " + setting.source() + "): "
                    + e.getMessage());
        }
    }

    /** An IP literal of this host (loopback included), or the wildcard. */
    private static InetAddress localAddress(String v) {
        InetAddress a = IpLiteral.parse(v).orElseThrow(() -> new IllegalArgumentException("expected an IP address"));
        try {
            if (a.isAnyLocalAddress() || a.isLoopbackAddress() || NetworkInterface.getByInetAddress(a) != null) {
                return a;
            }
        } catch (SocketException e) {
            throw new IllegalArgumentException("cannot list this host's addresses: " + e.getMessage());
        }
        throw new IllegalArgumentException("not an address of this host");
    }

    private static List<String> tokens(String v) {
        List<String> out = new ArrayList<>();
        for (String t : v.split(",")) {
            String token = t.trim();
            if (token.length() < 16 || !token.matches("[A-Za-z0-9._~+/=-]+")) {
                throw new IllegalArgumentException("each token must be at least 16 characters of A-Z a-z 0-9 . _ ~ + / = -");
            }
            out.add(token);
        }
        return out;
    }

    private static List<Cidr> networks(String v) {
        List<Cidr> out = new ArrayList<>();
        for (String part : v.split(",")) {
            if (!part.isBlank()) {
                out.add(Cidr.parse(part));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("expected at least one network (0.0.0.0/0,::/0 allows every source)");
        }
        return out;
    }

    private static String name(String v) {
        if (!v.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("expected 1-64 letters, digits, '.', '_' or '-'");
        }
        return v;
    }
}
