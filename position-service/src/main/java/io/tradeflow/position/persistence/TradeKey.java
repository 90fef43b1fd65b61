package io.tradeflow.position.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;

/**
 * What makes a fill unique: the venue, the order's client id and the venue's trade id. The same fill delivered again
 * has the same key.
 */
@Embeddable
public record TradeKey(
        @Column(name = "venue") String venue,
        @Column(name = "client_order_id") String clientOrderId,
        @Column(name = "trade_id") String tradeId) implements Serializable {
}
