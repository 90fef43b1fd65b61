package io.tradeflow.marketdata.cache;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.event.KlineClosed;

/**
 * A published kline on its way to its Redis list, with the JSON the list keeps: the bytes sent to Kafka, so a kline
 * is encoded once.
 */
record CandleWrite(KlineClosed kline, String json) {

    /** Encodes {@code kline} here (tests, and anything that did not publish it). */
    static CandleWrite of(KlineClosed kline) {
        return new CandleWrite(kline, EventCodec.encodeToString(kline));
    }
}
