package org.mediarelay.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The real-client SDP bodies in {@code src/test/resources/vectors} (provenance in its README), read byte for byte
 * (ISO-8859-1: one char per byte) from the test classpath, so that other modules read them from this module's test
 * jar.
 */
public final class Vectors {

    /** Every vector, by name: a jar cannot be listed, so a new vector is added here too. */
    private static final List<String> NAMES = List.of("blink-ice-offer.sdp", "blink-plain-offer.sdp",
            "rfc3264-hold-reoffer.sdp", "rfc3264-two-streams-offer.sdp", "sipsimple-ice-mangled-broken.sdp",
            "sipsimple-ice-mangled-fixed.sdp", "sipsimple-ice-offer.sdp");

    private Vectors() {
    }

    public static String read(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no SDP vector " + name + " in src/test/resources/vectors");
            }
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> names() {
        return NAMES;
    }
}
