package org.mediarelay.control.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Accounting settings: how CDR files rotate, when a lagging sink raises the alarm, and which sinks there are.
 *
 * @param fileMaxBytes      a CDR file continues in a new part of the day past this size; 0: one file per day
 * @param backlogAlarmBytes undelivered journal bytes past which a sink raises the backlog alarm
 * @param postgres          {@code postgresql://USER:PASSWORD@HOST:PORT/DATABASE}, if CDRs also go to PostgreSQL
 */
public record CdrConfig(long fileMaxBytes, long backlogAlarmBytes, Optional<String> postgres) {

    static CdrConfig from(Settings s) {
        long fileMax = MediarelayConfig.parse(s, ConfigKey.CDR_FILE_MAX_SIZE, Sizes::parse);
        long alarm = MediarelayConfig.parse(s, ConfigKey.CDR_BACKLOG_ALARM, v -> {
            long n = Sizes.parse(v);
            if (n < 1) {
                throw new IllegalArgumentException("expected a size above 0");
            }
            return n;
        });
        Optional<String> pg = s.get(ConfigKey.CDR_POSTGRES).map(x -> MediarelayConfig.parse(s, ConfigKey.CDR_POSTGRES,
                CdrConfig::postgresUri));
        return new CdrConfig(fileMax, alarm, pg);
    }

    private static String postgresUri(String v) {
        String hint = "expected postgresql://USER:PASSWORD@HOST:PORT/DATABASE";
        try {
            URI uri = new URI(v.trim());
            if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(hint);
            }
            return v.trim();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(hint + " (" + e.getReason() + ")");
        }
    }
}
