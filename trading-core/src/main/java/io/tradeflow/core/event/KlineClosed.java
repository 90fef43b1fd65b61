package io.tradeflow.core.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import java.math.BigDecimal;

/**
 * A kline closed, on {@link Topics#KLINES}. One event per (symbol, interval, openTime): its id is
 * {@code {SYMBOL}-{interval}-{openTime}}, so a kline seen twice (stream and REST backfill) is recognisable.
 */
@JsonPropertyOrder({"eventId", "eventType", "schemaVersion", "source", "market", "symbol", "interval",
        "openTime", "closeTime", "open", "high", "low", "close", "volume", "quoteVolume", "trades",
        "eventTime", "producedAt"})
public record KlineClosed(
        KlineSource source,
        Market market,
        Symbol symbol,
        Interval interval,
        long openTime,
        long closeTime,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        BigDecimal volume,
        BigDecimal quoteVolume,
        long trades,
        long eventTime,
        long producedAt) implements Event {

    private static final Fields FIELDS = new Fields("KlineClosed");

    public KlineClosed {
        FIELDS.required("source", source);
        FIELDS.required("market", market);
        FIELDS.required("symbol", symbol);
        FIELDS.required("interval", interval);
        FIELDS.timestamp("openTime", openTime);
        FIELDS.timestamp("closeTime", closeTime);
        FIELDS.required("open", open);
        FIELDS.required("high", high);
        FIELDS.required("low", low);
        FIELDS.required("close", close);
        FIELDS.required("volume", volume);
        FIELDS.required("quoteVolume", quoteVolume);
        FIELDS.timestamp("eventTime", eventTime);
        FIELDS.timestamp("producedAt", producedAt);
        try {
            new Kline(symbol, interval, openTime, closeTime, open, high, low, close, volume, quoteVolume, trades);
        } catch (IllegalArgumentException e) {
            throw FIELDS.invalid(null, "not a valid kline: " + e.getMessage());
        }
    }

    public static KlineClosed of(Kline kline, KlineSource source, Market market, long eventTime, long producedAt) {
        return new KlineClosed(source, market, kline.symbol(), kline.interval(), kline.openTime(), kline.closeTime(),
                kline.open(), kline.high(), kline.low(), kline.close(), kline.volume(), kline.quoteVolume(),
                kline.trades(), eventTime, producedAt);
    }

    @Override
    public String eventId() {
        return Kline.id(symbol, interval, openTime);
    }

    @Override
    public String key() {
        return symbol.value();
    }

    public Kline kline() {
        return new Kline(symbol, interval, openTime, closeTime, open, high, low, close, volume, quoteVolume, trades);
    }
}
