package io.tradeflow.service.codec;

import io.tradeflow.core.event.SignalWatermark;

/** Only for a reader that wants watermarks alone; signals.v1 carries SignalGenerated too, so its consumers decode with {@link EventCodec#decodeAny}. */
public class SignalWatermarkDeserializer extends EventDeserializer<SignalWatermark> {

    public SignalWatermarkDeserializer() {
        super(SignalWatermark.class);
    }
}
