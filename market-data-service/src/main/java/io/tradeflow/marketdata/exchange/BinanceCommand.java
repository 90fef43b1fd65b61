package io.tradeflow.marketdata.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A live-subscription request on a stream connection: {@code {"method":"SUBSCRIBE","params":[...],"id":N}}. */
public record BinanceCommand(Method method, List<String> params, long id) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Method { SUBSCRIBE, UNSUBSCRIBE }

    public BinanceCommand {
        params = List.copyOf(params);
        if (params.isEmpty()) {
            throw new IllegalArgumentException(method + " needs at least one stream");
        }
    }

    public String toJson() {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("method", method.name());
        message.put("params", params);
        message.put("id", id);
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serializes", e);
        }
    }
}
