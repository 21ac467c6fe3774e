package org.mediarelay.accounting.cdr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * docs/cdr.schema.json and the encoder agree: every key a CDR has is declared there, every key the schema requires is
 * there, and every enumerated value is one the schema lists. (A small walk over the schema's keywords that this
 * schema uses: properties, required, $ref, items, enum, const, additionalProperties, propertyNames.)
 */
class CdrSchemaTest {

    private static final JsonObject SCHEMA = load();

    private static JsonObject load() {
        try {
            return new JsonObject(Files.readString(Path.of("..", "docs", "cdr.schema.json")));
        } catch (Exception e) {
            throw new IllegalStateException("docs/cdr.schema.json: " + e, e);
        }
    }

    private static JsonObject resolve(JsonObject schema) {
        String ref = schema.getString("$ref");
        return ref == null ? schema : SCHEMA.getJsonObject("$defs").getJsonObject(ref.substring("#/$defs/".length()));
    }

    private static void check(Object value, JsonObject schema, String at, List<String> problems) {
        JsonObject s = resolve(schema);
        if (s.containsKey("enum") && !s.getJsonArray("enum").contains(value)) {
            problems.add(at + ": " + value + " is not one of " + s.getJsonArray("enum"));
        }
        if (s.containsKey("const") && !s.getValue("const").equals(value)) {
            problems.add(at + ": " + value + " is not " + s.getValue("const"));
        }
        if (value instanceof JsonArray a && s.containsKey("items")) {
            for (int i = 0; i < a.size(); i++) {
                check(a.getValue(i), s.getJsonObject("items"), at + "[" + i + "]", problems);
            }
        }
        if (value instanceof JsonObject o) {
            JsonObject props = s.getJsonObject("properties", new JsonObject());
            for (Object r : s.getJsonArray("required", new JsonArray())) {
                if (!o.containsKey((String) r)) {
                    problems.add(at + ": required " + r + " missing");
                }
            }
            for (String key : o.fieldNames()) {
                if (props.containsKey(key)) {
                    check(o.getValue(key), props.getJsonObject(key), at + "." + key, problems);
                } else if (s.getValue("additionalProperties") instanceof JsonObject extra) {
                    JsonObject names = s.getJsonObject("propertyNames", new JsonObject());
                    check(key, names, at + " key " + key, problems);
                    check(o.getValue(key), extra, at + "." + key, problems);
                } else {
                    problems.add(at + ": " + key + " is not in the schema");
                }
            }
        }
    }

    private static List<String> problems(JsonObject cdr) {
        List<String> out = new ArrayList<>();
        check(cdr, SCHEMA, "$", out);
        return out;
    }

    @Test
    void a_cdr_with_every_field_matches_the_published_schema() {
        assertEquals(List.of(), problems(CdrJson.encode(CdrJsonTest.sample().withDialogEnd(DialogEnding.ENDED))));
    }

    @Test
    void a_cdr_with_only_the_required_fields_matches_it_too() {
        Cdr c = CdrJsonTest.sample();
        assertEquals(List.of(), problems(CdrJson.encode(new Cdr("r", "x", "t", Optional.empty(), "n", "a", c.created(),
                Optional.empty(), c.ended(), TerminationReason.OFFER_TIMEOUT, List.of()))));
    }

    @Test
    void the_schema_lists_every_termination_reason_dialog_ending_and_stream_path_the_code_has() {
        JsonArray reasons = SCHEMA.getJsonObject("properties").getJsonObject("reason").getJsonArray("enum");
        for (TerminationReason r : TerminationReason.values()) {
            assertTrue(reasons.contains(r.token()), r.token());
        }
        assertEquals(TerminationReason.values().length, reasons.size());
        JsonArray paths = SCHEMA.getJsonObject("$defs").getJsonObject("stream").getJsonObject("properties")
                .getJsonObject("path").getJsonArray("enum");
        for (StreamPath p : StreamPath.values()) {
            assertTrue(paths.contains(p.token()), p.token());
        }
        JsonArray endings = SCHEMA.getJsonObject("properties").getJsonObject("dialog_end").getJsonArray("enum");
        for (DialogEnding d : DialogEnding.values()) {
            assertTrue(endings.contains(d.token()), d.token());
        }
        assertEquals(DialogEnding.values().length, endings.size());
    }

    @Test
    void a_key_the_schema_does_not_know_is_reported() {
        assertEquals(List.of("$: surprise is not in the schema"),
                problems(CdrJson.encode(CdrJsonTest.sample()).put("surprise", 1)));
    }
}
