package io.tradeflow.gateway.auth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code gateway.api_keys} (V2__api_keys.sql): never the key itself, only its hash. */
@Entity
@Table(name = "api_keys")
public class ApiKeyEntity extends PanacheEntityBase {
    @Id
    @Column(name = "key_id")
    public String keyId;
    public String name;
    public String role;
    @Column(name = "key_hash")
    public String keyHash;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public long createdAt;
    @Column(name = "revoked_at")
    public Long revokedAt;
}
