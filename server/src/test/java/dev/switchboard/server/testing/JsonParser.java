package dev.switchboard.server.testing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.json.JsonException;
import io.helidon.json.JsonObject;
import io.helidon.json.JsonValue;

/**
 * Reads documents the server writes, for tests, with Helidon's strict JSON parser: objects become
 * {@code Map<String, Object>} in document order, arrays {@code List<Object>}, strings {@code String}, numbers
 * {@link java.math.BigDecimal}, {@code true}/{@code false} {@link Boolean}, {@code null} a {@link #NULL} marker.
 * Anything JSON does not allow (a raw control character in a string, a bad escape, a trailing comma, text after the
 * value) fails, so a test learns the server wrote broken JSON.
 */
public final class JsonParser {

    /** What {@code null} parses to, since the collections here do not hold {@code null}. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private JsonParser() {
    }

    /**
     * Parses one JSON text.
     *
     * @param text the JSON
     * @return the value
     * @throws IllegalArgumentException if the text is not JSON
     */
    public static Object parse(String text) {
        try {
            io.helidon.json.JsonParser parser = io.helidon.json.JsonParser.create(text.strip());
            JsonValue value = parser.readJsonValue();
            if (parser.hasNext()) {
                throw new IllegalArgumentException("text after the value: " + text);
            }
            return plain(value);
        } catch (JsonException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static Object plain(JsonValue value) {
        return switch (value.type()) {
            case OBJECT -> {
                JsonObject object = value.asObject();
                Map<String, Object> members = new LinkedHashMap<>();
                for (String key : object.keysAsStrings()) {
                    members.put(key, plain(object.value(key).orElseThrow()));
                }
                yield Collections.unmodifiableMap(members);
            }
            case ARRAY -> List.copyOf(value.asArray().values().stream().map(JsonParser::plain).toList());
            case STRING -> value.asString().value();
            case NUMBER -> value.asNumber().bigDecimalValue();
            case BOOLEAN -> value.asBoolean().value();
            case NULL -> NULL;
            case UNKNOWN -> throw new IllegalArgumentException("not a JSON value: " + value);
        };
    }
}
