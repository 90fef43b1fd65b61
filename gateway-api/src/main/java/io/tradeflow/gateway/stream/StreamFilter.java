package io.tradeflow.gateway.stream;

import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.PositionChanged;
import io.tradeflow.core.event.SignalGenerated;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which events a stream sends, from the query: {@code types} (default all), {@code botId}, {@code symbol}; each may
 * repeat or be a comma list, and an empty set lets everything through. Signals, orders and positions must match
 * both the bot and the symbol filter; klines have no bot, so they pass on the symbol filter alone (a stream of one bot
 * gets every symbol's klines unless it also names symbols).
 */
record StreamFilter(Set<StreamType> types, Set<String> botIds, Set<Symbol> symbols) {

    StreamFilter {
        types = Set.copyOf(types);
        botIds = Set.copyOf(botIds);
        symbols = Set.copyOf(symbols);
    }

    static StreamFilter of(List<String> types, List<String> botIds, List<String> symbols) {
        Set<StreamType> chosen = EnumSet.noneOf(StreamType.class);
        for (String value : split(types)) {
            chosen.add(StreamType.ofParam(value).orElseThrow(() -> StreamRefused.invalid("types", "unknown type '"
                    + value + "' (expected some of " + Arrays.stream(StreamType.values()).map(t -> t.param)
                    .collect(Collectors.joining(",")) + ")")));
        }
        Set<Symbol> pairs = new LinkedHashSet<>();
        for (String value : split(symbols)) {
            try {
                pairs.add(Symbol.of(value));
            } catch (IllegalArgumentException e) {
                throw StreamRefused.invalid("symbol", e.getMessage());
            }
        }
        return new StreamFilter(chosen.isEmpty() ? EnumSet.allOf(StreamType.class) : chosen, split(botIds), pairs);
    }

    boolean accepts(Event event) {
        if (StreamType.of(event).filter(types::contains).isEmpty()) {
            return false; // a SignalWatermark, or a type this stream did not ask for
        }
        return switch (event) {
            case KlineClosed kline -> symbols.isEmpty() || symbols.contains(kline.symbol());
            case SignalGenerated signal -> matches(signal.botId(), signal.symbol());
            case OrderUpdated order -> matches(order.botId(), order.symbol());
            case PositionChanged position -> matches(position.botId(), position.symbol());
            default -> false;
        };
    }

    private boolean matches(String botId, Symbol symbol) {
        return (botIds.isEmpty() || botIds.contains(botId)) && (symbols.isEmpty() || symbols.contains(symbol));
    }

    private static Set<String> split(List<String> values) {
        Set<String> split = new LinkedHashSet<>();
        if (values != null) {
            values.forEach(value -> Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .forEach(split::add));
        }
        return split;
    }
}
