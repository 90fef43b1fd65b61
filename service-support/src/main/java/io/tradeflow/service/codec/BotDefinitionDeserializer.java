package io.tradeflow.service.codec;

import io.tradeflow.core.event.BotDefinition;

public class BotDefinitionDeserializer extends EventDeserializer<BotDefinition> {

    public BotDefinitionDeserializer() {
        super(BotDefinition.class);
    }
}
