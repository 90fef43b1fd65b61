package io.tradeflow.gateway.stream;

import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.PositionChanged;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.Topics;
import java.util.Arrays;
import java.util.Optional;

/** What the stream carries: the {@code types} query values, each with its topic and event type. */
enum StreamType {
    KLINE("kline", Topics.KLINES, KlineClosed.class),
    SIGNAL("signal", Topics.SIGNALS, SignalGenerated.class),
    ORDER("order", Topics.ORDERS, OrderUpdated.class),
    POSITION("position", Topics.POSITIONS, PositionChanged.class);

    final String param;
    final String topic;
    final Class<? extends Event> eventClass;

    StreamType(String param, String topic, Class<? extends Event> eventClass) {
        this.param = param;
        this.topic = topic;
        this.eventClass = eventClass;
    }

    /** The type an event is streamed as; empty for events the stream never carries (SignalWatermark, ...). */
    static Optional<StreamType> of(Event event) {
        return Arrays.stream(values()).filter(type -> type.eventClass == event.getClass()).findFirst();
    }

    static Optional<StreamType> ofParam(String param) {
        return Arrays.stream(values()).filter(type -> type.param.equals(param)).findFirst();
    }

    static Optional<StreamType> ofTopic(String topic) {
        return Arrays.stream(values()).filter(type -> type.topic.equals(topic)).findFirst();
    }
}
