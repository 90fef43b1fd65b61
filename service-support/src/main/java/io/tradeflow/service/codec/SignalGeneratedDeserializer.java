package io.tradeflow.service.codec;

import io.tradeflow.core.event.SignalGenerated;

public class SignalGeneratedDeserializer extends EventDeserializer<SignalGenerated> {

    public SignalGeneratedDeserializer() {
        super(SignalGenerated.class);
    }
}
