package io.tradeflow.signal.domain;

import java.util.Optional;

/** Where each bot's {@link StoredState} survives a restart. Calls throw when the store cannot be reached. */
public interface StateStore {

    Optional<StoredState> load(String botId);

    void save(String botId, StoredState state);
}
