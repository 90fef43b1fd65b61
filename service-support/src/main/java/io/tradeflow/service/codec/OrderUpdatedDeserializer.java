package io.tradeflow.service.codec;

import io.tradeflow.core.event.OrderUpdated;

public class OrderUpdatedDeserializer extends EventDeserializer<OrderUpdated> {

    public OrderUpdatedDeserializer() {
        super(OrderUpdated.class);
    }
}
