package io.tradeflow.marketdata.domain;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;

import java.util.LinkedHashSet;
import java.util.Set;

/** One (symbol, interval) pair the service keeps klines for. */
public record Subscription(Symbol symbol, Interval interval) {

    /** Parses {@code BTCUSDT:1m,ETHUSDT:5m}; a bad entry fails with a message naming it. */
    public static Set<Subscription> parseList(String list) {
        Set<Subscription> pairs = new LinkedHashSet<>();
        for (String entry : list.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon < 1 || colon == trimmed.length() - 1) {
                throw new IllegalArgumentException("tradeflow.market-data.subscriptions: '" + trimmed
                        + "' is not SYMBOL:INTERVAL (for example BTCUSDT:1m)");
            }
            try {
                pairs.add(new Subscription(Symbol.of(trimmed.substring(0, colon)), Interval.fromCode(trimmed.substring(colon + 1))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tradeflow.market-data.subscriptions: '" + trimmed + "': " + e.getMessage(), e);
            }
        }
        return pairs;
    }

    @Override
    public String toString() {
        return symbol.value() + ":" + interval.code();
    }
}
