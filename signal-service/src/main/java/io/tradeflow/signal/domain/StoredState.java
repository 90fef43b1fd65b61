package io.tradeflow.signal.domain;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A bot's strategy state as kept in signal-service's store {@code bot-states}: which definition it belongs to, the
 * newest kline it has seen, and the strategy's own state ({@code StrategyStates.encode}). One JSON object with the
 * state nested, so the changelog topic {@code signal-service-bot-states-changelog} is readable with kcat.
 */
public record StoredState(String version, long lastOpenTime, String state) {
    /** Strategy states carry decimals as JSON numbers; they must come back with every digit and their scale. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    /**
     * {@code state} is trusted to be {@code StrategyStates.encode}'s output (or what {@link #fromJson} read back) and
     * only checked for the shape of an object, cheaply, as it is written once per bot and kline.
     *
     * @throws IllegalArgumentException when {@code state} does not start with '{' and end with '}'
     */
    public StoredState {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(state, "state");
        String text = state.strip();
        if (!text.startsWith("{") || !text.endsWith("}")) {
            throw new IllegalArgumentException("strategy state is not a JSON object: " + state);
        }
    }


    public String toJson() {
        try {
            ObjectNode node = JSON.createObjectNode();
            node.put("version", version);
            node.put("lastOpenTime", lastOpenTime);
            // Nested as it is, not parsed again: it is written once per bot and kline, and it is
            // StrategyStates.encode's output or one fromJson wrote.
            node.putRawValue("state", new RawValue(state));
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException("strategy state is not JSON: " + state, e);
        }
    }

    /** @throws IllegalArgumentException when the text is not a stored state */
    public static StoredState fromJson(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.path("version").isTextual() || !node.path("lastOpenTime").canConvertToExactIntegral()
                    || !node.has("state")) {
                throw new IllegalArgumentException("not a stored strategy state: " + json);
            }
            return new StoredState(node.get("version").asText(), node.get("lastOpenTime").asLong(),
                    JSON.writeValueAsString(node.get("state")));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a stored strategy state: " + json, e);
        }
    }
}
