package io.tradeflow.marketdata.cache;

import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest known price of each symbol and which of them Redis' {@code price:{SYMBOL}} does not show yet.
 *
 * <p>Prices come from two places that race: a kline's updates while it is open (straight from the stream) and its
 * close once Kafka has acknowledged the closed kline (through the candle batch, whose script sets the price to the
 * close). The newer one wins by market time, not by arrival: the next kline's first update often arrives before the
 * previous kline's acknowledgement, and the batch setting that older close must not hide it.
 */
final class LatestPrices {
    private final Map<Symbol, Tick> newest = new ConcurrentHashMap<>();
    private final Set<Symbol> unwritten = ConcurrentHashMap.newKeySet();

    /**
     * A price at a market time, epoch ms: an update's event time, or a kline's close time for its close. At the same
     * time a close comes after an update. Market time, not open time: a symbol's klines of several intervals (1m and
     * 1h) update at the same moments, and the 1h kline's open time is not the age of its price.
     */
    record Tick(BigDecimal price, long time, boolean close) {
        static Tick update(BigDecimal price, long eventTime) {
            return new Tick(price, eventTime, false);
        }

        static Tick close(KlineClosed kline) {
            return new Tick(kline.close(), kline.closeTime(), true);
        }

        boolean isOlderThan(Tick other) {
            return time < other.time || time == other.time && !close && other.close;
        }
    }

    /** An update of an open kline; true when Redis now lags behind it (the writer has work). */
    boolean updated(Symbol symbol, Tick tick) {
        Tick kept = newest.merge(symbol, tick, (old, neu) -> neu.isOlderThan(old) ? old : neu);
        return kept == tick && unwritten.add(symbol);
    }

    /**
     * The batch just written set each symbol's price to its last kline's close; where an update newer than that
     * close was known, Redis must be given it again.
     */
    void closesWritten(List<CandleWrite> batch) {
        for (CandleWrite write : batch) {
            KlineClosed kline = write.kline();
            Tick close = Tick.close(kline);
            Tick kept = newest.merge(kline.symbol(), close, (old, neu) -> neu.isOlderThan(old) ? old : neu);
            if (kept != close) {
                unwritten.add(kline.symbol());
            }
        }
    }

    boolean anyUnwritten() {
        return !unwritten.isEmpty();
    }

    /** Takes the newest prices Redis lags behind on; {@link #giveBack} them if writing them fails. */
    Map<Symbol, BigDecimal> takeUnwritten() {
        Map<Symbol, BigDecimal> prices = new LinkedHashMap<>();
        for (Symbol symbol : unwritten) {
            // Removed before it is read: an update in between marks it again, and it is written twice, never lost.
            unwritten.remove(symbol);
            prices.put(symbol, newest.get(symbol).price());
        }
        return prices;
    }

    /** Marks {@code symbols} unwritten again, after a failed write. */
    void giveBack(Collection<Symbol> symbols) {
        unwritten.addAll(symbols);
    }
}
