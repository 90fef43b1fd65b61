package io.tradeflow.position.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;

/**
 * A row of {@code position.position_events}: a {@code PositionChanged} exactly as published, stored with the fill that
 * caused it, so that a fill delivered again after a crash publishes the very same bytes if they never reached Kafka.
 */
@Entity
@Table(name = "position_events")
public class PositionEventEntity extends PanacheEntityBase {
    @Id
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "position_id")
    public String positionId;
    public long sequence;
    /** Its place among the events of its fill, 0 first: the order they are published in. */
    public int ordinal;
    public String venue;
    @Column(name = "client_order_id")
    public String clientOrderId;
    @Column(name = "trade_id")
    public String tradeId;
    @Column(name = "record_key")
    public String recordKey;
    public byte[] payload;

    /** The events a fill caused, in the order they were published. */
    public static List<PositionEventEntity> ofTrade(TradeKey key) {
        return list("venue = ?1 and clientOrderId = ?2 and tradeId = ?3 order by ordinal", key.venue(),
                key.clientOrderId(), key.tradeId());
    }
}
