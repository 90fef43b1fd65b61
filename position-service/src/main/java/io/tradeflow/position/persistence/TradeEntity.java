package io.tradeflow.position.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** A row of {@code position.trades}: one fill, as booked. */
@Entity
@Table(name = "trades")
public class TradeEntity extends PanacheEntityBase {
    @EmbeddedId
    public TradeKey key;
    @Column(name = "position_id")
    public String positionId;
    @Column(name = "next_position_id")
    public String nextPositionId;
    @Column(name = "bot_id")
    public String botId;
    public String symbol;
    @Column(name = "signal_id")
    public String signalId;
    @Column(name = "order_role")
    public String orderRole;
    public String side;
    public BigDecimal quantity;
    public BigDecimal price;
    public BigDecimal fee;
    @Column(name = "fee_asset")
    public String feeAsset;
    @Column(name = "fee_price")
    public BigDecimal feePrice;
    @Column(name = "realized_pnl")
    public BigDecimal realizedPnl;
    @Column(name = "traded_at")
    public long tradedAt;
    @Column(name = "order_event_id")
    public String orderEventId;
    @Column(name = "recorded_at")
    public long recordedAt;
}
