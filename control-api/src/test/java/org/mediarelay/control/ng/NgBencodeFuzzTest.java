package org.mediarelay.control.ng;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Map;

/**
 * Coverage-guided fuzzing (Jazzer) of ng as bencode, what Kamailio and OpenSIPS send: whatever bytes arrive, they are
 * refused with {@link BencodeException} or {@link NgRequestException} (which become an error reply), or read into a
 * request whose keys, flags, SDP options and SIP context are then read ({@link NgInputs}) without any other
 * exception. Any other exception or a hang is a finding (fixed, with its input kept next to this test as a
 * regression). Bounded in time; one fuzz test per class, as Jazzer fuzzes one per JVM.
 */
class NgBencodeFuzzTest {

    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({"d7:command5:offer", "7:call-id", "8:from-tag", "6:to-tag", "3:sdp", "5:flags", "l", "e", "i1e",
        "7:replace", "3:ICE", "8:rtcp-mux", "5:codec", "8:sip-code", "16:sip-message-type", "11:rtpp_flags",
        "14:trust-address", "13:media-address", "14:received-from", "9:direction", "5:label"})
    void bencode_from_a_proxy_is_read_or_refused_with_an_error(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        Object decoded;
        try {
            decoded = Bencode.decode(bytes, 0);
        } catch (BencodeException refused) {
            return;
        }
        if (!(decoded instanceof Map<?, ?> m)) {
            return; // "not a dictionary": an error reply
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> dict = (Map<String, Object>) m;
        try {
            NgInputs.read(dict);
        } catch (NgRequestException refused) {
            // an error reply
        }
    }
}
