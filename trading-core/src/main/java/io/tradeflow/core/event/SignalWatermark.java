package io.tradeflow.core.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.Symbol;

/**
 * signal-service has evaluated every running bot of a (symbol, interval) on the kline opening at
 * {@code klineOpenTime}, and every signal that evaluation produced is before this record on {@link Topics#SIGNALS}
 * (same key, so same partition, written after their acknowledgement). One per indicator snapshot.
 *
 * <p>Why it exists: a signal is only ever produced for a kline, but "no signal" is silent. A consumer that must order
 * signals against klines from another topic (the paper venue checks stops on the klines after an entry, and an
 * exit signal of kline N must come before the stop check on kline N+1) waits for the watermark of a kline before it
 * acts on that kline, so its result does not depend on which topic it happened to read first.
 *
 * <p>The id is the kline's, {@code {SYMBOL}-{interval}-{klineOpenTime}}; after a restart of signal-service the same
 * watermark may come again (harmless: watermarks only move forward).
 */
@JsonPropertyOrder({"eventId", "eventType", "schemaVersion", "symbol", "interval", "klineOpenTime", "eventTime",
        "producedAt"})
public record SignalWatermark(
        Symbol symbol,
        Interval interval,
        long klineOpenTime,
        long eventTime,
        long producedAt) implements Event {

    private static final Fields FIELDS = new Fields("SignalWatermark");

    public SignalWatermark {
        FIELDS.required("symbol", symbol);
        FIELDS.required("interval", interval);
        FIELDS.timestamp("klineOpenTime", klineOpenTime);
        FIELDS.timestamp("eventTime", eventTime);
        FIELDS.timestamp("producedAt", producedAt);
    }

    /** The watermark after {@code snapshot}: its kline's identity and time. */
    public static SignalWatermark after(IndicatorsComputed snapshot, long producedAt) {
        return new SignalWatermark(snapshot.symbol(), snapshot.interval(), snapshot.openTime(), snapshot.eventTime(),
                producedAt);
    }

    @Override
    public String eventId() {
        return Kline.id(symbol, interval, klineOpenTime);
    }

    @Override
    public String key() {
        return symbol.value();
    }
}
