package io.tradeflow.service.codec;

import io.tradeflow.core.event.PositionChanged;

public class PositionChangedDeserializer extends EventDeserializer<PositionChanged> {

    public PositionChangedDeserializer() {
        super(PositionChanged.class);
    }
}
