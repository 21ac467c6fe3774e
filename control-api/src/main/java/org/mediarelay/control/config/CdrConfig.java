package org.mediarelay.control.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Accounting settings: how CDR files rotate, when a lagging sink raises the alarm, and which sinks there are.
 *
 * @param fileMaxBytes      a CDR file continues in a new part of the day past this size; 0: one file per day
 * @param backlogAlarmBytes undelivered journal bytes past which a sink raises the backlog alarm
 * @param backlogMaxBytes   undelivered journal bytes past which a sink skips its oldest whole files
 * @param postgres          {@code postgresql://USER:PASSWORD@HOST:PORT/DATABASE}, if CDRs also go to PostgreSQL
 * @param radius            the RADIUS accounting server and its shared secret, if CDRs also go there
 * @param webhook           the URL CDRs are also POSTed to, and its bearer token
 * @param interim           an interim record of every call still up each this long of its life; zero: none
 */
public record CdrConfig(long fileMaxBytes, long backlogAlarmBytes, long backlogMaxBytes, Optional<String> postgres,
                        Optional<Radius> radius, Optional<Webhook> webhook, Duration interim) {

    /** An HTTP endpoint taking JSON batches of CDRs. */
    public record Webhook(URI url, Optional<String> token) {
        @Override
        public String toString() {
            return "Webhook[" + url.getHost() + ", token hidden]";
        }
    }

    /** A RADIUS accounting server: where, and the shared secret. */
    public record Radius(HostPort server, String secret) {
        @Override
        public String toString() {
            return "Radius[" + server + ", secret hidden]";
        }
    }

    static CdrConfig from(Settings s) {
        long fileMax = MediarelayConfig.parse(s, ConfigKey.CDR_FILE_MAX_SIZE, Sizes::parse);
        long alarm = MediarelayConfig.parse(s, ConfigKey.CDR_BACKLOG_ALARM, CdrConfig::positiveSize);
        long max = MediarelayConfig.parse(s, ConfigKey.CDR_BACKLOG_MAX, CdrConfig::positiveSize);
        if (max < alarm) {
            throw new ConfigException("cdr.backlog.max (" + max + " bytes) is below cdr.backlog.alarm (" + alarm
                    + " bytes): the alarm would never fire before CDRs are skipped");
        }
        Optional<String> pg = s.get(ConfigKey.CDR_POSTGRES).map(x -> MediarelayConfig.parse(s, ConfigKey.CDR_POSTGRES,
                v -> uri(v, "expected postgresql://USER:PASSWORD@HOST:PORT/DATABASE", "postgresql", "postgres")
                        .toString()));
        Optional<HostPort> radius = s.get(ConfigKey.CDR_RADIUS).map(x -> MediarelayConfig.parse(s, ConfigKey.CDR_RADIUS,
                HostPort::parse));
        Optional<String> secret = s.get(ConfigKey.CDR_RADIUS_SECRET).map(x -> MediarelayConfig.parse(s,
                ConfigKey.CDR_RADIUS_SECRET, v -> {
                    if (v.isEmpty()) {
                        throw new IllegalArgumentException("the shared secret cannot be empty");
                    }
                    return v;
                }));
        if (radius.isPresent() != secret.isPresent()) {
            throw new ConfigException("cdr.radius and cdr.radius.secret go together: set both or neither");
        }
        Optional<URI> hook = s.get(ConfigKey.CDR_WEBHOOK).map(x -> MediarelayConfig.parse(s, ConfigKey.CDR_WEBHOOK,
                v -> uri(v, "expected an http:// or https:// URL", "http", "https")));
        Optional<String> token = s.get(ConfigKey.CDR_WEBHOOK_TOKEN).map(x -> MediarelayConfig.parse(s,
                ConfigKey.CDR_WEBHOOK_TOKEN, v -> {
                    if (!v.matches("[A-Za-z0-9._~+/=-]{16,}")) {
                        throw new IllegalArgumentException("expected at least 16 characters of A-Z a-z 0-9 . _ ~ + / = -");
                    }
                    return v;
                }));
        if (token.isPresent() && hook.isEmpty()) {
            throw new ConfigException("cdr.webhook.token is set but cdr.webhook is not");
        }
        Duration interim = MediarelayConfig.parse(s, ConfigKey.CDR_INTERIM, v -> {
            Duration d = Durations.parse(v);
            if (!d.isZero() && d.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("expected 0 (none) or at least 1m");
            }
            return d;
        });
        return new CdrConfig(fileMax, alarm, max, pg, radius.map(r -> new Radius(r, secret.orElseThrow())),
                hook.map(u -> new Webhook(u, token)), interim);
    }

    private static long positiveSize(String v) {
        long n = Sizes.parse(v);
        if (n < 1) {
            throw new IllegalArgumentException("expected a size above 0");
        }
        return n;
    }

    /** A URI with a host and one of these schemes; anything else is {@code hint}. */
    private static URI uri(String v, String hint, String... schemes) {
        try {
            URI uri = new URI(v.trim());
            if (!List.of(schemes).contains(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(hint);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(hint + " (" + e.getReason() + ")");
        }
    }
}
