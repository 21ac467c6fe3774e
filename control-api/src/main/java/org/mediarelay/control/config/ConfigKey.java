package org.mediarelay.control.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.mediarelay.node.RelayNodeConfig;

/**
 * Every configuration key, with its embedded default and its meaning. The README's configuration table is this enum.
 * A key {@code ng.listen} is also {@code --ng.listen=...} on the command line and {@code MEDIARELAY_NG_LISTEN} in the
 * environment.
 */
public enum ConfigKey {
    ROLE("role", "all", "what this process runs: all (dispatcher, relay node, accounting, control API), dispatcher "
            + "(control and accounting; media on the cluster's relays) or relay (a relay node only)"),
    NG_LISTEN("ng.listen", "127.0.0.1:2223", "UDP and TCP address of the ng control protocol (rtpengine's)"),
    NG_ALLOW("ng.allow", "127.0.0.0/8,::1/128",
            "networks that may send ng requests (UDP, TCP, HTTP /ng), comma-separated; others are dropped and counted"),
    HTTP_LISTEN("http.listen", "127.0.0.1:8080", "HTTP address of ng over HTTP (/ng, /ng-plain) and the health endpoints"),
    HTTP_TOKENS("http.tokens", null, "bearer tokens the REST API (/v1) accepts, comma-separated; unset: no authentication"),
    DIALOG_END("dialog.end", null, "proxies asked to end the dialog of a call mediarelay ended on its own, comma-separated: "
            + "kamailio:http://HOST:PORT/RPC (Kamailio JSON-RPC, dlg.terminate_dlg), opensips:http://HOST:PORT/mi "
            + "(OpenSIPS mi_http) or opensips:udp://HOST:PORT (OpenSIPS mi_datagram), both dlg_end_dlg"),
    MEDIAPROXY_SOCKET("mediaproxy.socket", "dispatcher.sock",
            "UNIX socket of MediaProxy's dispatcher protocol (OpenSIPS mediaproxy module), relative to data.dir; off: none"),
    MEDIAPROXY_LISTEN("mediaproxy.listen", "off", "TCP address of MediaProxy's dispatcher protocol (sources as ng.allow)"),
    MEDIA_INTERFACE("media.interface", "127.0.0.1", "local address media sockets bind to"),
    MEDIA_ADVERTISED("media.advertised", null, "address written into SDP (default: media.interface)"),
    MEDIA_PORTS("media.ports", "30000-39999", "UDP port range for media, used as even RTP / odd RTCP pairs"),
    MEDIA_INTERFACES("media.interfaces", null, "several media interfaces, comma-separated [NAME/]BIND[!ADVERTISED][/PORTS] "
            + "(e.g. internal/10.0.0.5,external/10.1.0.5!203.0.113.5/40000-49999,external/2001:db8::5); entries "
            + "sharing a name are one interface of two address families; the first name is the default; PORTS "
            + "defaults to media.ports; unset: one interface from media.interface; see docs/media.md"),
    DATA_DIR("data.dir", "./data", "directory for CDRs (data.dir/cdr/) and other state"),
    CDR_FILE_MAX_SIZE("cdr.file.max-size", "0",
            "a CDR file (data.dir/cdr/cdr-DAY.jsonl) continues in cdr-DAY.1.jsonl, ... past this size; 0: one file per day"),
    CDR_BACKLOG_ALARM("cdr.backlog.alarm", "256MiB",
            "a CDR sink further behind the CDR files than this raises mediarelay_cdr_sink_backlog_alarm"),
    CDR_BACKLOG_MAX("cdr.backlog.max", "4GiB",
            "a CDR sink further behind than this skips its oldest whole CDR files (they stay on disk; counted, logged)"),
    CDR_INTERIM("cdr.interim", "0",
            "an interim record (record_type interim) of every call still up each this long of its life; 0: none"),
    CDR_POSTGRES("cdr.postgres", null,
            "PostgreSQL that CDRs are also delivered to: postgresql://USER:PASSWORD@HOST:PORT/DATABASE; unset: none"),
    CDR_RADIUS("cdr.radius", null,
            "RADIUS accounting server that CDRs are also sent to (CDRTool's attributes), HOST:PORT; needs cdr.radius.secret"),
    CDR_RADIUS_SECRET("cdr.radius.secret", null, "the RADIUS shared secret of cdr.radius"),
    CDR_WEBHOOK("cdr.webhook", null, "URL that CDRs are also POSTed to as JSON batches (http:// or https://)"),
    CDR_WEBHOOK_TOKEN("cdr.webhook.token", null, "bearer token sent with each webhook POST; unset: none"),
    CLUSTER_CONFIG("cluster.config", "./cluster.yaml", "Hazelcast member configuration"),
    CLUSTER_NAME("cluster.name", null, "overrides cluster-name of cluster.config"),
    NODE_WEIGHT("node.weight", "1", "this relay node's share of new calls relative to the others (its capacity)"),
    NODE_ID("node.id", null, "this relay node's name in the cluster and in CDRs (default: relay-<random>)"),
    MEDIA_THREADS("media.threads", null, "media event loops (default: one per core)"),
    MEDIA_TRANSPORT("media.transport", "auto", "media socket I/O: auto (epoll, else nio), epoll, io_uring or nio"),
    MEDIA_KERNEL("media.kernel", "auto", "confirmed streams' RTP through the kernel (nftables): auto (where the "
            + "process may: CAP_NET_ADMIN, nf_tables), on (or refuse to start) or off"),
    MEDIA_READY_PAIRS("media.ready-pairs", String.valueOf(RelayNodeConfig.DEFAULT_READY_PAIRS),
            "port pairs kept bound ahead of offers (on each media interface), so that an offer does not bind "
                    + "its own; 0: bind on each offer"),
    LATCH_WINDOW("media.latch.window", "3s",
            "how long after each offer or answer a party's real source may be learned"),
    LATCH_STRICT_SOURCE("media.latch.strict-source", "true",
            "once a source is confirmed, drop packets from any other (false: follow the newest source, hijackable)"),
    LATCH_REBIND_SILENCE("media.latch.rebind-silence", "2s",
            "how long a confirmed source must be silent before a NAT rebinding may replace it"),
    LATCH_REBIND_PACKETS("media.latch.rebind-packets", "5",
            "consecutive packets of the same stream the new source must send to replace a silent one"),
    ENDPOINT_LEARNING("media.endpoint-learning", "heuristic",
            "sources the signalling does not name: heuristic, delayed, off, or immediate (unsafe); see docs/media.md"),
    TIMEOUT_NO_MEDIA("media.timeout.no-media", "60s", "after the answer, a call with no media this long ends (timeout)"),
    TIMEOUT_ON_HOLD("media.timeout.on-hold", "2h", "the same for a call on hold (on-hold-timeout)"),
    TIMEOUT_OFFER("media.timeout.offer", "5m", "an offer without answer this long ends (offer-timeout)"),
    TIMEOUT_MAX_DURATION("media.timeout.max-duration", "0", "any call this long ends (max-duration); 0: no limit"),
    ICE_MEDIA_IDLE("media.ice.media-idle", "5s",
            "a stream with media through the relay within this time is never given up to a direct ICE path"),
    ICE_CHECKS_QUIET("media.ice.checks-quiet", "12s",
            "ICE checks through the relay stopped this long, with no nomination and no media: ICE went direct"),
    ICE_NOMINATED_QUIET("media.ice.nominated-quiet", "40s",
            "after a nomination through the relay, nothing at all crossed it this long: ICE kept another pair");

    /** Keys whose values hold credentials: error messages do not repeat them. */
    private static final Set<String> SECRET = Set.of("http.tokens", "cdr.postgres", "cdr.radius.secret", "cdr.webhook", "cdr.webhook.token");

    private final String key;
    private final String defaultValue;
    private final String description;

    ConfigKey(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** Whether the value holds credentials (tokens, a password), never to be echoed. */
    public boolean secret() {
        return SECRET.contains(key);
    }

    public String key() {
        return key;
    }

    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public String description() {
        return description;
    }

    /** {@code MEDIARELAY_NG_LISTEN} for {@code ng.listen}. */
    public String environmentVariable() {
        return "MEDIARELAY_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public static Optional<ConfigKey> of(String key) {
        for (ConfigKey k : values()) {
            if (k.key.equals(key)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
