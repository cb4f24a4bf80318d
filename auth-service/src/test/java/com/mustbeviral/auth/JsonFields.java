package com.mustbeviral.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Field names and string values of JSON, for comparing payloads with the shared examples. */
final class JsonFields {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonFields() {
    }

    /** The object's field names, sorted. */
    static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }

    /** The field names of a JSON object text, sorted. */
    static List<String> fields(String payload) throws Exception {
        return fields(JSON.readTree(payload));
    }

    /** The array's elements as text. */
    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
