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

    /** A price at a market time: the kline it belongs to, then when within it (a close comes after every update). */
    record Tick(BigDecimal price, long openTime, long eventTime) {
        static final long CLOSE = Long.MAX_VALUE;

        boolean isOlderThan(Tick other) {
            return openTime < other.openTime || openTime == other.openTime && eventTime < other.eventTime;
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
    void closesWritten(List<KlineClosed> batch) {
        for (KlineClosed kline : batch) {
            Tick close = new Tick(kline.close(), kline.openTime(), Tick.CLOSE);
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
