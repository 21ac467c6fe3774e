package org.mediarelay.control.ng;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of ng requests in JSON (which mediarelay takes as rtpengine does): whatever bytes
 * arrive, they are refused with {@link NgRequestException} or read as {@link NgBencodeFuzzTest} reads bencode.
 * Bounded in time.
 */
class NgJsonFuzzTest {

    @FuzzTest(maxDuration = "20s")
    @DictionaryEntries({"{\"command\":\"offer\"", "\"call-id\":", "\"from-tag\":", "\"sdp\":", "\"flags\":[", "]", "}",
        "\"sip-code\":", "\"rtpp_flags\":", "\"replace\":[", "\"codec\":{", "true", "null", "1e9"})
    void json_from_a_proxy_is_read_or_refused_with_an_error(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        try {
            NgInputs.read(NgJson.decode(bytes, 0));
        } catch (NgRequestException refused) {
            // an error reply
        }
    }
}
