package org.mediarelay.control.rest;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.buffer.Buffer;
import org.mediarelay.dispatcher.command.SdpCommand;

/**
 * Coverage-guided fuzzing (Jazzer) of the REST API's offer and answer bodies: whatever bytes arrive, they are read
 * into a command or refused with an {@link IllegalArgumentException} (a 400 problem); anything else thrown is a
 * finding. Bounded in time.
 */
class RestSdpRequestFuzzTest {

    @FuzzTest(maxDuration = "20s")
    @DictionaryEntries({"{\"from_tag\":", "\"to_tag\":", "\"sdp\":", "\"ice\":", "\"received_from\":",
        "\"media_address\":", "\"sip_code\":", "\"in_response\":", "\"address_family\":", "\"endpoint_learning\":",
        "\"IP6\"", "\"::1\"", "true", "null", "1e9", "[", "]", "}"})
    void a_body_is_read_or_refused_with_a_reason(FuzzedDataProvider data) {
        SdpCommand.Kind kind = data.consumeBoolean() ? SdpCommand.Kind.OFFER : SdpCommand.Kind.ANSWER;
        try {
            RestSdpRequest.read(kind, "call", Buffer.buffer(data.consumeRemainingAsBytes()));
        } catch (IllegalArgumentException refused) {
            // a 400 problem with the reason
        }
    }
}
