package io.tradeflow.gateway.bots;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code gateway.bots} (V1__gateway.sql). */
@Entity
@Table(name = "bots")
public class BotEntity extends PanacheEntityBase {
    @Id
    @Column(name = "bot_id")
    public String botId;
    public long version;
    /** The BotDefinition as published, EventCodec JSON. */
    public byte[] definition;
    public String status;
    @Column(name = "created_at")
    public long createdAt;
    @Column(name = "updated_at")
    public long updatedAt;
    /** api or file (V3). */
    @Column(name = "managed_by")
    public String managedBy;
    /** For a file's bot, the hash of its entry as last applied (V3). */
    @Column(name = "file_hash")
    public String fileHash;
    /** Deleted once flat (V4): a DELETE with closePosition of a bot that held a position. */
    @Column(name = "delete_requested")
    public boolean deleteRequested;
}
