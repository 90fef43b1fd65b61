package io.tradeflow.core.event;

import java.util.List;
import java.util.Set;

/** Topic names. A breaking change to an event gets a new topic ({@code .v2}), never a new meaning for an old one. */
public final class Topics {

    public static final String KLINES = "market.klines.v1";
    public static final String INDICATORS = "indicators.v1";
    public static final String SIGNALS = "signals.v1";
    public static final String ORDERS = "orders.v1";
    public static final String POSITIONS = "positions.v1";
    public static final String BOTS = "bots.v1";

    /** In pipeline order. */
    public static final List<String> ALL = List.of(KLINES, INDICATORS, SIGNALS, ORDERS, POSITIONS, BOTS);

    /** Topics with {@code cleanup.policy=compact}: the latest record per key is the state, a tombstone deletes. */
    public static final Set<String> COMPACTED = Set.of(BOTS);

    private Topics() {
    }

    /** The dead-letter topic for records of {@code topic} that could not be processed. */
    public static String dlq(String topic) {
        return topic + ".dlq";
    }

    /** The topic an event is published on. */
    public static String of(Event event) {
        return switch (event) {
            case KlineClosed ignored -> KLINES;
            case IndicatorsComputed ignored -> INDICATORS;
            case SignalGenerated ignored -> SIGNALS;
            case SignalWatermark ignored -> SIGNALS;
            case OrderUpdated ignored -> ORDERS;
            case PositionChanged ignored -> POSITIONS;
            case BotDefinition ignored -> BOTS;
        };
    }
}
