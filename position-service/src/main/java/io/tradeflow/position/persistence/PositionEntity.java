package io.tradeflow.position.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A row of {@code position.positions} (V1__positions.sql says what each column holds); {@link PositionRows} maps it. */
@Entity
@Table(name = "positions")
public class PositionEntity extends PanacheEntityBase {
    public static final String OPEN = "OPEN";
    public static final String CLOSED = "CLOSED";

    @Id
    @Column(name = "position_id")
    public String positionId;
    @Column(name = "bot_id")
    public String botId;
    public String symbol;
    public String venue;
    public String contract;
    @Column(name = "contract_size")
    public BigDecimal contractSize;
    @Column(name = "margin_asset")
    public String marginAsset;
    public String direction;
    public String status;
    public long sequence;
    public BigDecimal quantity;
    @Column(name = "entry_price")
    public BigDecimal entryPrice;
    @Column(name = "entry_value")
    public BigDecimal entryValue;
    @Column(name = "closed_quantity")
    public BigDecimal closedQuantity;
    @Column(name = "exit_price")
    public BigDecimal exitPrice;
    @Column(name = "exit_value")
    public BigDecimal exitValue;
    @Column(name = "realized_pnl")
    public BigDecimal realizedPnl;
    public BigDecimal fees;
    @Column(name = "converted_fees")
    public BigDecimal convertedFees;
    @Column(name = "net_realized_pnl")
    public BigDecimal netRealizedPnl;
    @Column(name = "initial_stop")
    public BigDecimal initialStop;
    @Column(name = "r_multiple")
    public BigDecimal rMultiple;
    @Column(name = "close_reason")
    public String closeReason;
    @Column(name = "signal_id")
    public String signalId;
    @Column(name = "opened_at")
    public long openedAt;
    @Column(name = "closed_at")
    public Long closedAt;
    @Column(name = "updated_at")
    public long updatedAt;

    /** Every fee by asset as charged, the margin asset's included. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "position_fees", joinColumns = @JoinColumn(name = "position_id"))
    @MapKeyColumn(name = "asset")
    @Column(name = "amount")
    public Map<String, BigDecimal> feesByAsset = new HashMap<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "position_unconverted_fees", joinColumns = @JoinColumn(name = "position_id"))
    @MapKeyColumn(name = "asset")
    @Column(name = "amount")
    public Map<String, BigDecimal> unconvertedFees = new HashMap<>();

    /** The bot's open position on the symbol at the venue, if it holds one. */
    public static Optional<PositionEntity> open(String botId, String symbol, String venue) {
        return find("botId = ?1 and symbol = ?2 and venue = ?3 and status = ?4", botId, symbol, venue, OPEN)
                .firstResultOptional();
    }

    public boolean isOpen() {
        return OPEN.equals(status);
    }
}
