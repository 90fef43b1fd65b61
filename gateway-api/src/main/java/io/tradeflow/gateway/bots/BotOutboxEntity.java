package io.tradeflow.gateway.bots;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code gateway.bot_outbox} (V3): a bots.v1 record not yet published. */
@Entity
@Table(name = "bot_outbox")
public class BotOutboxEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;
    @Column(name = "bot_id")
    public String botId;
    /** EventCodec JSON of the BotDefinition, or null for a tombstone. */
    public byte[] payload;
    @Column(name = "created_at")
    public long createdAt;
}
