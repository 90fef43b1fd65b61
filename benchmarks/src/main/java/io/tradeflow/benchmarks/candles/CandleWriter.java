package io.tradeflow.benchmarks.candles;

import io.tradeflow.core.event.KlineClosed;

import java.util.List;

/**
 * One way of writing queued klines to the Redis candle lists ({@code candles:{SYMBOL}:{INTERVAL}}, newest
 * {@code keep}) and {@code price:{SYMBOL}}. Each is handed the backlog a batch at a time, oldest first, as
 * market-data-service's writer thread takes it from its queue.
 */
interface CandleWriter {
    /** The name the results are printed under. */
    String name();

    /** Called once on a fresh connection, before the timed part. */
    default void prepare(RespConnection redis) {
    }

    /** Writes {@code batch}; returns once Redis has answered for all of it. */
    void write(RespConnection redis, List<KlineClosed> batch);

    static String candlesKey(KlineClosed kline) {
        return "candles:" + kline.symbol().value() + ":" + kline.interval().code();
    }

    static String priceKey(KlineClosed kline) {
        return "price:" + kline.symbol().value();
    }
}
