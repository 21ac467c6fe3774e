package org.mediarelay.accounting.sink.radius;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mediarelay.accounting.sink.radius.RadiusPacket.Attribute;

/**
 * A CDR as the RADIUS attributes MediaProxy sent and CDRTool reads: one Accounting-Request (Interim-Update) per
 * session, matched by CDRTool to the proxy's own record by Acct-Session-Id, Sip-From-Tag and Sip-To-Tag. Octet
 * counters carry their high 32 bits in the Gigawords attributes (RFC 2869), so nothing is truncated at 4 GiB as
 * MediaProxy's were. Pure.
 */
public final class CdrAttributes {

    static final int USER_NAME = 1;
    static final int NAS_IP_ADDRESS = 4;
    static final int ACCT_STATUS_TYPE = 40;
    static final int ACCT_DELAY_TIME = 41;
    static final int ACCT_INPUT_OCTETS = 42;
    static final int ACCT_OUTPUT_OCTETS = 43;
    static final int ACCT_SESSION_ID = 44;
    static final int ACCT_SESSION_TIME = 46;
    static final int ACCT_INPUT_PACKETS = 47;
    static final int ACCT_OUTPUT_PACKETS = 48;
    static final int ACCT_MULTI_SESSION_ID = 50;
    static final int ACCT_INPUT_GIGAWORDS = 52;
    static final int ACCT_OUTPUT_GIGAWORDS = 53;
    static final int EVENT_TIMESTAMP = 55;
    static final int NAS_IPV6_ADDRESS = 95;
    static final int SIP_TO_TAG = 104;
    static final int SIP_FROM_TAG = 105;
    static final int MEDIA_CODECS = 233;
    static final int MEDIA_INFO = 234;
    static final int SIP_USER_AGENTS = 235;
    static final int SIP_APPLICATIONS = 236;
    static final long INTERIM_UPDATE = 3;
    /** What MediaProxy put in User-Name when it knew no user. */
    static final String DEFAULT_USER = "mediaproxy@default";

    private CdrAttributes() {
    }

    public static List<Attribute> of(JsonObject cdr) {
        List<Attribute> out = new ArrayList<>();
        out.add(Attribute.integer(ACCT_STATUS_TYPE, INTERIM_UPDATE));
        out.add(Attribute.text(USER_NAME, cdr.getString("username", DEFAULT_USER)));
        out.add(Attribute.text(ACCT_SESSION_ID, cdr.getString("call_id", "")));
        out.add(Attribute.text(ACCT_MULTI_SESSION_ID, cdr.getString("record_id", "")));
        out.add(Attribute.text(SIP_FROM_TAG, cdr.getString("from_tag", "")));
        out.add(Attribute.text(SIP_TO_TAG, cdr.getString("to_tag", "")));
        Instant created = Instant.parse(cdr.getString("created"));
        Instant ended = Instant.parse(cdr.getString("ended"));
        String answered = cdr.getString("answered");
        long talk = answered == null ? 0 : seconds(Duration.between(Instant.parse(answered), ended));
        long setup = answered == null ? 0 : seconds(Duration.between(created, Instant.parse(answered)));
        out.add(Attribute.integer(ACCT_SESSION_TIME, talk));
        out.add(Attribute.integer(ACCT_DELAY_TIME, setup));
        out.add(Attribute.integer(EVENT_TIMESTAMP, ended.getEpochSecond()));

        long[] caller = totals(cdr.getJsonArray("streams", new JsonArray()), "caller");
        long[] callee = totals(cdr.getJsonArray("streams", new JsonArray()), "callee");
        out.add(Attribute.integer(ACCT_INPUT_OCTETS, caller[1] & 0xFFFF_FFFFL));
        out.add(Attribute.integer(ACCT_INPUT_GIGAWORDS, caller[1] >>> 32));
        out.add(Attribute.integer(ACCT_OUTPUT_OCTETS, callee[1] & 0xFFFF_FFFFL));
        out.add(Attribute.integer(ACCT_OUTPUT_GIGAWORDS, callee[1] >>> 32));
        out.add(Attribute.integer(ACCT_INPUT_PACKETS, caller[0]));
        out.add(Attribute.integer(ACCT_OUTPUT_PACKETS, callee[0]));
        nasAddress(cdr.getString("media_address", "")).ifPresent(out::add);

        out.add(Attribute.text(MEDIA_INFO, mediaInfo(cdr)));
        out.add(Attribute.text(SIP_APPLICATIONS, String.join(", ", mediaTypes(cdr))));
        String codecs = codecs(cdr);
        if (!codecs.isEmpty()) {
            out.add(Attribute.text(MEDIA_CODECS, codecs));
        }
        String agents = userAgents(cdr);
        if (!agents.isEmpty()) {
            out.add(Attribute.text(SIP_USER_AGENTS, agents));
        }
        return out;
    }

    private static long seconds(Duration d) {
        return Math.max(0, Math.round(d.toMillis() / 1000.0));
    }

    /** Packets and bytes of RTP and RTCP received from one party over all streams. */
    private static long[] totals(JsonArray streams, String party) {
        long packets = 0;
        long bytes = 0;
        for (Object o : streams) {
            JsonObject p = ((JsonObject) o).getJsonObject(party, new JsonObject());
            for (String kind : List.of("rtp", "rtcp")) {
                JsonObject f = p.getJsonObject(kind, new JsonObject());
                packets += f.getLong("packets", 0L);
                bytes += f.getLong("bytes", 0L);
            }
        }
        return new long[] {packets, bytes};
    }

    private static Optional<Attribute> nasAddress(String address) {
        try {
            if (address.isEmpty() || !(Character.isDigit(address.charAt(0)) || address.contains(":"))) {
                return Optional.empty();
            }
            byte[] raw = InetAddress.getByName(address).getAddress();
            return Optional.of(new Attribute(raw.length == 4 ? NAS_IP_ADDRESS : NAS_IPV6_ADDRESS, raw));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** MediaProxy's Media-Info: "timeout", "ICE session" (every stream went direct by ICE), or empty. */
    private static String mediaInfo(JsonObject cdr) {
        String reason = cdr.getString("reason", "");
        if (reason.equals("timeout") || reason.equals("on-hold-timeout")) {
            return "timeout";
        }
        JsonArray streams = cdr.getJsonArray("streams", new JsonArray());
        boolean allIce = !streams.isEmpty() && streams.stream()
                .allMatch(s -> "ice-direct".equals(((JsonObject) s).getString("path")));
        return allIce ? "ICE session" : "";
    }

    private static Set<String> mediaTypes(JsonObject cdr) {
        Set<String> types = new LinkedHashSet<>();
        for (Object s : cdr.getJsonArray("streams", new JsonArray())) {
            types.add(((JsonObject) s).getString("media", "audio"));
        }
        return types;
    }

    /** The codecs of the streams, when the record has them ({@code streams[].codecs}). */
    private static String codecs(JsonObject cdr) {
        Set<String> codecs = new LinkedHashSet<>();
        for (Object s : cdr.getJsonArray("streams", new JsonArray())) {
            for (Object c : ((JsonObject) s).getJsonArray("codecs", new JsonArray())) {
                codecs.add(String.valueOf(c));
            }
        }
        return String.join(", ", codecs);
    }

    private static String userAgents(JsonObject cdr) {
        List<String> agents = new ArrayList<>();
        for (String party : List.of("caller", "callee")) {
            String ua = cdr.getJsonObject("user_agents", new JsonObject()).getString(party);
            if (ua != null && !ua.isEmpty()) {
                agents.add(ua);
            }
        }
        return String.join(", ", agents);
    }
}
