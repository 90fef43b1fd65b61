package io.tradeflow.gateway.auth;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * API keys: created by an admin (the key is returned once and only its SHA-256 is stored), listed, revoked, and
 * checked on every request that sends one. A key is {@code tf_} and 43 base64url characters (32 random bytes).
 */
@ApplicationScoped
public class ApiKeys {
    private static final Logger LOG = Logger.getLogger(ApiKeys.class);
    private static final Pattern FORMAT = Pattern.compile("tf_[A-Za-z0-9_-]{32,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A stored key as anyone may see it: no secret. */
    public record KeyInfo(String keyId, String name, Role role, String createdBy, long createdAt, Long revokedAt) {
    }

    /** A key just created: {@code key} is the secret, shown this once. */
    public record NewKey(KeyInfo info, String key) {
    }

    private final AuthConfig config;

    public ApiKeys(AuthConfig config) {
        this.config = config;
    }

    void bootstrap(@Observes StartupEvent start) {
        config.bootstrapKey().ifPresent(key -> {
            if (!FORMAT.matcher(key).matches()) {
                // The value is a secret: say what is wrong with it, never what it is.
                throw new IllegalStateException("tradeflow.gateway.auth.bootstrap-key must be 'tf_' and 32 to 128 "
                        + "base64url characters (e.g. tf_$(head -c 32 /dev/urandom | basenc --base64url | tr -d '=')");
            }
            String hash = hash(key);
            boolean created = QuarkusTransaction.requiringNew().call(() -> {
                if (ApiKeyEntity.count("keyHash", hash) > 0) {
                    return false;
                }
                store("bootstrap-" + hash.substring(0, 8), "bootstrap admin key", Role.ADMIN, "configuration", hash);
                return true;
            });
            if (created) {
                LOG.infof("Stored the bootstrap admin key (key id bootstrap-%s)", hash.substring(0, 8));
            }
        });
    }

    /** Creates a key; the returned {@link NewKey#key()} is the only copy of the secret. */
    public NewKey create(String name, Role role, String createdBy) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = "tf_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] id = new byte[6];
        RANDOM.nextBytes(id);
        KeyInfo info = QuarkusTransaction.requiringNew()
                .call(() -> store("k" + HexFormat.of().formatHex(id), name, role, createdBy, hash(key)));
        return new NewKey(info, key);
    }

    public List<KeyInfo> all() {
        return QuarkusTransaction.requiringNew().call(() -> ApiKeyEntity.<ApiKeyEntity>listAll(Sort.by("createdAt"))
                .stream().map(ApiKeys::info).toList());
    }

    /** Revokes {@code keyId}; false when there is no such key. Revoking twice keeps the first time. */
    public boolean revoke(String keyId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ApiKeyEntity row = ApiKeyEntity.findById(keyId);
            if (row == null) {
                return false;
            }
            if (row.revokedAt == null) {
                row.revokedAt = System.currentTimeMillis();
            }
            return true;
        });
    }

    /** The live (not revoked) key whose secret is {@code key}; empty for anything else, malformed included. */
    public Optional<KeyInfo> authenticate(String key) {
        if (key == null || !FORMAT.matcher(key).matches()) {
            return Optional.empty();
        }
        String hash = hash(key);
        return QuarkusTransaction.requiringNew().call(() -> ApiKeyEntity
                .<ApiKeyEntity>find("keyHash = ?1 and revokedAt is null", hash).firstResultOptional()
                .map(ApiKeys::info));
    }

    private static KeyInfo store(String keyId, String name, Role role, String createdBy, String hash) {
        ApiKeyEntity row = new ApiKeyEntity();
        row.keyId = keyId;
        row.name = name;
        row.role = role.id();
        row.keyHash = hash;
        row.createdBy = createdBy;
        row.createdAt = System.currentTimeMillis();
        row.persist();
        return info(row);
    }

    private static KeyInfo info(ApiKeyEntity row) {
        return new KeyInfo(row.keyId, row.name, Role.of(row.role), row.createdBy, row.createdAt, row.revokedAt);
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
