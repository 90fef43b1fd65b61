package io.tradeflow.signal;

import io.tradeflow.signal.domain.StateStore;
import io.tradeflow.signal.domain.StoredState;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The Kafka Streams store {@code bot-states} as a map, holding the same JSON, for engine tests without Kafka. */
public final class MapStateStore implements StateStore {
    private final Map<String, String> json = new HashMap<>();

    @Override
    public Optional<StoredState> load(String botId) {
        return Optional.ofNullable(json.get(botId)).map(StoredState::fromJson);
    }

    @Override
    public void save(String botId, StoredState state) {
        json.put(botId, state.toJson());
    }
}
