package io.tradeflow.service.codec;

import io.tradeflow.core.event.IndicatorsComputed;

public class IndicatorsComputedDeserializer extends EventDeserializer<IndicatorsComputed> {

    public IndicatorsComputedDeserializer() {
        super(IndicatorsComputed.class);
    }
}
