package io.tradeflow.marketdata.domain;

import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;

/**
 * Where a source hands every closed kline it has, in open-time order per (symbol, interval). The sink drops a kline
 * already published, so sources may hand the same one twice (stream and backfill, or after a restart).
 */
public interface KlineSink {

    /**
     * Publishes {@code kline} unless it is already published. Blocks while too many klines wait for Kafka, which is
     * how a replay at full speed is held to what Kafka accepts.
     *
     * @param eventTime when it happened: the exchange's event time, or the close time for recorded klines
     * @return what became of it
     * @throws PublishingFailedException when this kline, or an earlier one, could not be published; nothing more
     *         is published until a restart
     */
    Outcome accept(Kline kline, KlineSource source, long eventTime);

    /**
     * Whether publishing has failed for good ({@link PublishingFailedException}): sources then stop handing klines
     * (and fetching them over REST) until the restart, which health asks for.
     */
    default boolean failed() {
        return false;
    }

    enum Outcome { PUBLISHED, DUPLICATE }
}
