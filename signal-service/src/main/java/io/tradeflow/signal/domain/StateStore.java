package io.tradeflow.signal.domain;

import java.util.Optional;

/** Where each bot's {@link StoredState} survives a restart (signal-service: its Kafka Streams store, changelogged). */
public interface StateStore {

    Optional<StoredState> load(String botId);

    void save(String botId, StoredState state);
}
