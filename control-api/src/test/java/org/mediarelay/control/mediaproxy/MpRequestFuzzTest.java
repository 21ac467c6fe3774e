package org.mediarelay.control.mediaproxy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing (Jazzer) of MediaProxy's dispatcher protocol as OpenSIPS sends it: whatever text arrives, it
 * is refused with {@link MpRequestException} (an {@code error} reply) or read, headers and media streams included,
 * without any other exception. Bounded in time.
 */
class MpRequestFuzzTest {

    @FuzzTest(maxDuration = "20s")
    @DictionaryEntries({"update\\x0d\\x0a", "remove\\x0a", "call_id: ", "from_tag: ", "to_tag: ", "type: request",
        "type: reply", "media: ", "audio:", "video:", ":sendrecv", ":ice=yes", ":ice=no", "signaling_ip: ",
        "dialog_id: ", "::1", "127.0.0.1"})
    void text_from_opensips_is_read_or_refused_with_an_error(FuzzedDataProvider data) {
        String text = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
        try {
            MpRequest r = MpRequest.parse(text);
            r.header("media").ifPresent(MpMedia::parse);
            r.header("call_id");
            r.header("type");
        } catch (MpRequestException refused) {
            // an error reply
        }
    }
}
