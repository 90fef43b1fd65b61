package io.tradeflow.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** gateway-api's REST on {@code 127.0.0.1:8080/api/v1}, called with an API key ({@code X-API-Key}). */
final class GatewayRest implements AutoCloseable {
    private static final URI BASE = URI.create("http://127.0.0.1:8080/api/v1");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A status and the body as JSON (null when there is none or it is not JSON). */
    record Answer(int status, String body, JsonNode json) {
    }

    private final String apiKey;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    GatewayRest(String apiKey) {
        this.apiKey = apiKey;
    }

    /** GET {@code path} (under /api/v1). */
    Answer get(String path) throws IOException {
        return send(request(path).GET());
    }

    /** POST {@code body} (JSON, or nothing when null) to {@code path}. */
    Answer post(String path, Object body) throws IOException {
        return send(request(path).header("Content-Type", "application/json").POST(body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /** GET {@code path}, which must answer 200. */
    JsonNode ok(String path) {
        try {
            Answer answer = get(path);
            if (answer.status() != 200) {
                throw new AssertionError("GET /api/v1" + path + " answered " + answer.status() + ": " + answer.body());
            }
            return answer.json();
        } catch (IOException e) {
            throw new UncheckedIOException("GET /api/v1" + path, e);
        }
    }

    /**
     * Every item of a paged query ({@code page}, {@code size}; answers {@code total} and {@code items}), page after
     * page, in the order the pages give them.
     */
    List<JsonNode> allPages(String path, int size) {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode answer = ok(path + (path.contains("?") ? "&" : "?") + "page=" + page + "&size=" + size);
            answer.get("items").forEach(items::add);
            if (answer.get("items").isEmpty() || items.size() >= answer.get("total").asLong()) {
                return items;
            }
        }
    }

    /** A JSON object's fields as text, in its order: strings as they are, numbers as written, null as null. */
    static Map<String, String> fields(JsonNode object) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            fields.put(field.getKey(), field.getValue().isNull() ? null : field.getValue().isValueNode()
                    ? field.getValue().asText() : field.getValue().toString());
        }
        return fields;
    }

    @Override
    public void close() {
        client.close();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(30)).header("X-API-Key", apiKey)
                .header("Accept", "application/json");
    }

    private Answer send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = response.body().isBlank() ? null : JSON.readTree(response.body());
            } catch (IOException notJson) {
                // kept as text in the answer
            }
            return new Answer(response.statusCode(), response.body(), json);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
