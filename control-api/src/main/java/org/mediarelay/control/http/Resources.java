package org.mediarelay.control.http;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Files served from the jar (the OpenAPI document, the web page), read once at start. */
public final class Resources {

    private Resources() {
    }

    /** The resource at this absolute class-path location; a missing one is a build defect and fails the start. */
    public static Buffer read(String path) {
        try (InputStream in = Resources.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
