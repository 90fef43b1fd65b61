package io.tradeflow.core.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.Symbol;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The indicator snapshot of one closed kline, on {@link Topics#INDICATORS}. Id: {@code {SYMBOL}-{interval}-{openTime}}.
 *
 * @param values indicator values by canonical name ({@code sma(21)}, {@code ema(50)}, {@code rsi(14)},
 *               {@code atr(14)}), sorted by name (an {@link IndicatorValues}); an indicator is absent until it has
 *               warmed up
 * @param stable true once every indicator the snapshot carries has warmed up
 */
@JsonPropertyOrder({"eventId", "eventType", "schemaVersion", "symbol", "interval", "openTime", "closeTime",
        "open", "high", "low", "close", "volume", "values", "stable", "eventTime", "producedAt"})
public record IndicatorsComputed(
        Symbol symbol,
        Interval interval,
        long openTime,
        long closeTime,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        BigDecimal volume,
        Map<String, BigDecimal> values,
        boolean stable,
        long eventTime,
        long producedAt) implements Event {

    private static final Fields FIELDS = new Fields("IndicatorsComputed");

    public IndicatorsComputed {
        FIELDS.required("symbol", symbol);
        FIELDS.required("interval", interval);
        FIELDS.timestamp("openTime", openTime);
        FIELDS.timestamp("closeTime", closeTime);
        FIELDS.required("open", open);
        FIELDS.required("high", high);
        FIELDS.required("low", low);
        FIELDS.required("close", close);
        FIELDS.required("volume", volume);
        FIELDS.required("values", values);
        FIELDS.timestamp("eventTime", eventTime);
        FIELDS.timestamp("producedAt", producedAt);
        if (!(values instanceof IndicatorValues)) {
            values.forEach((name, value) -> {
                FIELDS.requiredText("values", name);
                FIELDS.required("values." + name, value);
            });
            // Sorted by name, the JSON is byte-stable: the same snapshot encodes the same way twice.
            values = IndicatorValues.copyOf(values);
        }
    }

    public static IndicatorsComputed of(
            Kline kline, Map<String, BigDecimal> values, boolean stable, long eventTime, long producedAt) {
        return new IndicatorsComputed(kline.symbol(), kline.interval(), kline.openTime(), kline.closeTime(),
                kline.open(), kline.high(), kline.low(), kline.close(), kline.volume(), values, stable,
                eventTime, producedAt);
    }

    @Override
    public String eventId() {
        return Kline.id(symbol, interval, openTime);
    }

    @Override
    public String key() {
        return symbol.value();
    }
}
