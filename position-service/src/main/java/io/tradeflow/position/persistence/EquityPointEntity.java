package io.tradeflow.position.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** A row of {@code position.equity_points}: the bot's equity (cumulative net realized PnL) after one closed position. */
@Entity
@Table(name = "equity_points")
public class EquityPointEntity extends PanacheEntityBase {
    @Id
    @Column(name = "position_id")
    public String positionId;
    @Column(name = "bot_id")
    public String botId;
    @Column(name = "margin_asset")
    public String marginAsset;
    @Column(name = "closed_at")
    public long closedAt;
    /** The position's net realized PnL. */
    @Column(name = "net_pnl")
    public BigDecimal netRealizedPnl;
    /** The position's fees known in the margin asset. */
    public BigDecimal fees;
    @Column(name = "r_multiple")
    public BigDecimal rMultiple;
    public BigDecimal equity;
    public BigDecimal drawdown;
}
