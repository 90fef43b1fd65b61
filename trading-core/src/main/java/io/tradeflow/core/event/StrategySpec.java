package io.tradeflow.core.event;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which strategy a bot runs and its parameters, as text the strategy parses (e.g. {@code fast=9}). Part of
 * {@link BotDefinition}.
 *
 * @param type   the strategy's name, e.g. {@code ema-cross}
 * @param params optional in JSON (absent means none), sorted by name
 */
public record StrategySpec(String type, Map<String, String> params) {

    public StrategySpec {
        BotDefinition.FIELDS.requiredText("strategy.type", type);
        params = params == null ? Map.of() : params;
        params.forEach((name, value) -> {
            BotDefinition.FIELDS.requiredText("strategy.params", name);
            BotDefinition.FIELDS.required("strategy.params." + name, value);
        });
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }
}
