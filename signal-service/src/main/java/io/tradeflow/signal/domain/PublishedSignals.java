package io.tradeflow.signal.domain;

import io.tradeflow.core.event.SignalGenerated;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest kline each bot has a signal for on {@code signals.v1}, learnt from the topic's tail at start and kept
 * up to date while publishing. It closes the one window the Redis state leaves open: a crash after a signal was
 * acknowledged but before the bot's state was written replays that snapshot from the older state, and the signal it
 * produces again must not go out twice.
 */
public final class PublishedSignals {
    private final Map<String, Long> newestByBot = new ConcurrentHashMap<>();

    /** True when the bot already has a signal on this kline or a later one. */
    public boolean covers(SignalGenerated signal) {
        Long newest = newestByBot.get(signal.botId());
        return newest != null && signal.klineOpenTime() <= newest;
    }

    public void record(String botId, long klineOpenTime) {
        newestByBot.merge(botId, klineOpenTime, Math::max);
    }

    public void record(SignalGenerated signal) {
        record(signal.botId(), signal.klineOpenTime());
    }

    public Long newest(String botId) {
        return newestByBot.get(botId);
    }
}
