package org.mediarelay.control.rest;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.mediarelay.dispatcher.command.ErrorCode;

/**
 * Errors as RFC 9457 problem details: {@code type} names the stable code ({@code .../problems/bad-sdp}), {@code code}
 * repeats it for programs, {@code detail} says what happened to this request.
 */
final class Problems {

    static final String TYPE_BASE = "https://mediarelay.org/problems/";
    static final String CONTENT_TYPE = "application/problem+json";

    private Problems() {
    }

    static void send(RoutingContext ctx, int status, String code, String title, String detail) {
        JsonObject body = new JsonObject()
                .put("type", TYPE_BASE + code)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("code", code)
                .put("instance", ctx.request().path());
        ctx.response().setStatusCode(status).putHeader("content-type", CONTENT_TYPE).end(body.encode());
    }

    static void invalid(RoutingContext ctx, String detail) {
        send(ctx, 400, "invalid-request", "The request is not valid", detail);
    }

    /** A dispatcher failure, with the HTTP status its code stands for. */
    static void failure(RoutingContext ctx, ErrorCode code, String detail) {
        switch (code) {
            case BAD_SDP:
                send(ctx, 422, code.token(), "The SDP cannot be parsed", detail);
                break;
            case UNKNOWN_CALL:
                send(ctx, 404, code.token(), "No such call", detail);
                break;
            case TAG_MISMATCH:
                send(ctx, 409, code.token(), "The tags do not fit the call", detail);
                break;
            case PORTS_EXHAUSTED:
            case NO_NODE:
                send(ctx, 503, code.token(), "No relay capacity", detail);
                break;
            case NODE_REJECTED:
            case NODE_UNAVAILABLE:
                send(ctx, 502, code.token(), "The relay node failed", detail);
                break;
            case ACCOUNTING_FAILED:
            default:
                send(ctx, 500, code.token(), "The CDR could not be written", detail);
                break;
        }
    }
}
