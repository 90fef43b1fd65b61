package io.tradeflow.service.codec;

import io.tradeflow.core.event.KlineClosed;

public class KlineClosedDeserializer extends EventDeserializer<KlineClosed> {

    public KlineClosedDeserializer() {
        super(KlineClosed.class);
    }
}
