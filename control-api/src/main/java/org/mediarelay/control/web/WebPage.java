package org.mediarelay.control.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.util.List;
import org.mediarelay.control.http.Resources;

/**
 * The live web page at {@code GET /}: three files from the jar ({@code webroot/}), held in memory, that draw what
 * {@code GET /v1/live} streams. No data is in the page itself, so it needs no token; the data does (the page asks
 * for it when {@code http.tokens} is set). The page loads nothing from elsewhere, which its security policy says.
 */
public final class WebPage {

    private record Asset(String route, String file, String type) {
    }

    private static final List<Asset> ASSETS = List.of(
            new Asset("/", "index.html", "text/html; charset=utf-8"),
            new Asset("/ui/app.js", "ui/app.js", "text/javascript; charset=utf-8"),
            new Asset("/ui/app.css", "ui/app.css", "text/css; charset=utf-8"));
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private WebPage() {
    }

    public static void install(Router router) {
        for (Asset a : ASSETS) {
            Buffer body = Resources.read("/webroot/" + a.file());
            router.get(a.route()).handler(ctx -> ctx.response().putHeader("content-type", a.type())
                    .putHeader("content-security-policy", POLICY).putHeader("x-content-type-options", "nosniff")
                    .putHeader("cache-control", "no-cache").end(body));
        }
    }
}
