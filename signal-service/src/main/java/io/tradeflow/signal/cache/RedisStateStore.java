package io.tradeflow.signal.cache;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.tradeflow.signal.domain.StateStore;
import io.tradeflow.signal.domain.StoredState;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;

/** Bot states in Redis, one string key {@code signals:state:{botId}} per bot (see {@link StoredState}). */
@ApplicationScoped
public class RedisStateStore implements StateStore {
    private static final Logger LOG = Logger.getLogger(RedisStateStore.class);

    private final ValueCommands<String, String> values;

    public RedisStateStore(RedisDataSource redis) {
        this.values = redis.value(String.class);
    }

    @Override
    public Optional<StoredState> load(String botId) {
        String json = values.get(StoredState.key(botId));
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(StoredState.fromJson(json));
        } catch (IllegalArgumentException e) {
            // Retrying cannot repair it; starting the bot afresh can.
            LOG.errorf("Ignoring the unreadable Redis key %s: %s", StoredState.key(botId), e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void save(String botId, StoredState state) {
        values.set(StoredState.key(botId), state.toJson());
    }
}
