package org.mediarelay.control.rest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.util.Optional;
import org.mediarelay.dispatcher.command.SdpCommand;
import org.mediarelay.dispatcher.command.SdpOptions;
import org.mediarelay.dispatcher.signalling.Annotation;
import org.mediarelay.dispatcher.signalling.RtcpMuxPolicy;
import org.mediarelay.dispatcher.signalling.SipContext;
import org.mediarelay.node.api.AddressFamily;
import org.mediarelay.node.api.EndpointLearning;
import org.mediarelay.node.api.InterfaceChoice;
import org.mediarelay.node.api.IpLiteral;
import org.mediarelay.sdp.codec.CodecRules;
import org.mediarelay.sdp.relay.IceMode;

/**
 * The body of {@code POST /v1/calls/{callId}/offer} and {@code .../answer} read into the dispatcher's command, apart
 * from HTTP: whatever bytes arrive are either a command or an {@link IllegalArgumentException} whose message says
 * what is wrong (the API answers it as a 400 problem).
 */
final class RestSdpRequest {

    private RestSdpRequest() {
    }

    static SdpCommand read(SdpCommand.Kind kind, String callId, Buffer bytes) {
        JsonObject body = object(bytes);
        String fromTag = required(body, "from_tag");
        Optional<String> toTag = string(body, "to_tag");
        if (kind == SdpCommand.Kind.ANSWER && toTag.isEmpty()) {
            throw new IllegalArgumentException("an answer needs to_tag");
        }
        // Absent: the mode the call was last asked for, relay candidates at first.
        Optional<IceMode> ice = string(body, "ice").map(v -> IceMode.fromNg(v)
                .orElseThrow(() -> new IllegalArgumentException("ice must be force-relay, remove or off, not '"
                        + v + "'")));
        return new SdpCommand(kind, callId, fromTag, toTag, required(body, "sdp"),
                address(body, "received_from"), address(body, "media_address"),
                new SdpOptions(ice, flag(body, "replace_origin").orElse(false),
                        flag(body, "replace_session_name").orElse(false), flag(body, "own_version").orElse(false),
                        RtcpMuxPolicy.DEFAULT, false, false, CodecRules.NONE, learning(body), interfaces(body)),
                new Annotation(string(body, "label"), string(body, "metadata")),
                string(body, "relay"), string(body, "via_branch"),
                sip(body));
    }

    private static JsonObject object(Buffer bytes) {
        if (bytes == null || bytes.length() == 0) {
            throw new IllegalArgumentException("a JSON object body is required");
        }
        try {
            return new JsonObject(bytes);
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("the body is not a JSON object: " + e.getMessage(), e);
        }
    }

    private static String required(JsonObject body, String key) {
        return string(body, key).filter(v -> !v.isEmpty())
                .orElseThrow(() -> new IllegalArgumentException(key + " is required"));
    }

    /** A string key; any other JSON type is refused (Vert.x would hand out an array's or a number's text). */
    private static Optional<String> string(JsonObject body, String key) {
        Object v = body.getValue(key);
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException(key + " must be a string: a key has a value of the wrong type");
        }
        return Optional.ofNullable((String) v);
    }

    /** A true/false key; {@code null} reads as absent, as it does for strings, and any other type is refused. */
    private static Optional<Boolean> flag(JsonObject body, String key) {
        Object v = body.getValue(key);
        if (v != null && !(v instanceof Boolean)) {
            throw new IllegalArgumentException(key + " must be true or false, not " + v);
        }
        return Optional.ofNullable((Boolean) v);
    }

    /** {@code sip_code} and {@code in_response}, with ng's rules: a code is a response's. */
    private static SipContext sip(JsonObject body) {
        Optional<Integer> code = sipCode(body);
        Optional<Boolean> inResponse = flag(body, "in_response");
        if (code.isPresent() && inResponse.equals(Optional.of(false))) {
            throw new IllegalArgumentException("a SIP request has no response code: sip_code with in_response false");
        }
        return new SipContext(code, code.isPresent() ? Optional.of(true) : inResponse);
    }

    /** A SIP status code, 100 to 699, as a whole number. */
    private static Optional<Integer> sipCode(JsonObject body) {
        Object v = body.getValue("sip_code");
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 100
                || ((Number) v).longValue() > 699) {
            throw new IllegalArgumentException("sip_code must be a SIP status code (100 to 699), not " + v);
        }
        return Optional.of(((Number) v).intValue());
    }

    /** {@code endpoint_learning}: heuristic, delayed, off or immediate; absent keeps what the call has. */
    private static Optional<EndpointLearning> learning(JsonObject body) {
        return string(body, "endpoint_learning").map(v -> EndpointLearning.parse(v).orElseThrow(
                () -> new IllegalArgumentException("endpoint_learning must be heuristic, delayed, off or immediate, "
                        + "not '" + v + "'")));
    }

    /** {@code from_interface}, {@code to_interface} and {@code address_family}, as ng's keys of the same names. */
    private static InterfaceChoice interfaces(JsonObject body) {
        Optional<AddressFamily> family = string(body, "address_family").map(v ->
                AddressFamily.parse(v).orElseThrow(() -> new IllegalArgumentException(
                        "address_family must be IP4 or IP6, not '" + v + "'")));
        return new InterfaceChoice(string(body, "from_interface"), string(body, "to_interface"), family);
    }

    private static Optional<InetAddress> address(JsonObject body, String key) {
        return string(body, key).map(v -> IpLiteral.parse(v).orElseThrow(() ->
                new IllegalArgumentException(key + " is not an IP address: '" + v + "'")));
    }
}
