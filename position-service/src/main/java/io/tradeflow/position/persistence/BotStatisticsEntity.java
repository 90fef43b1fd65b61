package io.tradeflow.position.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;

/** A row of {@code position.bot_statistics}: a bot's {@code Statistics} in one margin asset. */
@Entity
@Table(name = "bot_statistics")
public class BotStatisticsEntity extends PanacheEntityBase {
    @Embeddable
    public record Key(@Column(name = "bot_id") String botId, @Column(name = "margin_asset") String marginAsset)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;
    public long positions;
    public long wins;
    public long losses;
    @Column(name = "gross_profit")
    public BigDecimal grossProfit;
    @Column(name = "gross_loss")
    public BigDecimal grossLoss;
    @Column(name = "net_pnl")
    public BigDecimal netPnl;
    public BigDecimal fees;
    public BigDecimal peak;
    @Column(name = "max_drawdown")
    public BigDecimal maxDrawdown;
    @Column(name = "r_total")
    public BigDecimal rTotal;
    @Column(name = "r_count")
    public long rCount;
    @Column(name = "updated_at")
    public long updatedAt;
}
