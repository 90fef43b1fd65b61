package io.tradeflow.core.strategy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;

/**
 * A bot's {@link StrategyState} as JSON, for signal-service to keep in its state store: the record's fields plus
 * {@code "strategy"}, the strategy's type, which says which record to read back. Decimals are JSON numbers written
 * in plain notation and read back exactly, scale included.
 */
public final class StrategyStates {

    private static final ObjectMapper MAPPER = newMapper();

    private StrategyStates() {
    }

    public static String encode(StrategyState state) {
        try {
            return MAPPER.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + state, e); // only a state record bug gets here
        }
    }

    /** @throws IllegalArgumentException when the text is not a state this version can read; start afresh then */
    public static StrategyState decode(String json) {
        try {
            return MAPPER.readValue(json, StrategyState.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a readable strategy state: " + e.getOriginalMessage(), e);
        }
    }

    /** Keeps the annotation off the public interface: the discriminator is this class's business. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "strategy")
    private interface TypedByStrategy {
    }

    private static ObjectMapper newMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .addMixIn(StrategyState.class, TypedByStrategy.class)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        for (Strategy strategy : Strategies.all()) {
            mapper.registerSubtypes(new NamedType(strategy.initialState().getClass(), strategy.type()));
        }
        return mapper;
    }
}
