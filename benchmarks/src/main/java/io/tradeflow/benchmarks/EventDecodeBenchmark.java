package io.tradeflow.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.event.Event;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decoding and encoding one event as the stream stages do (issue 14: they spent 20-40 % of their CPU in Jackson).
 * {@code decodeTree} is the old decode (the whole JSON tree, checked, then bound: EventCodec's reference path, which
 * it still takes for records it refuses); {@code decode} is {@link EventCodec#decode(byte[], Class)} (a streaming
 * read of the header, then a direct bind on the same parse). {@code encode} is {@link EventCodec#encode}
 * ({@code writeValueAsBytes} on the codec's mapper); {@code encodeWriter} the candidate that was measured against it,
 * an ObjectWriter resolved once per event type (the same bytes). Run with {@code -prof gc} for the bytes allocated per
 * operation ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EventDecodeBenchmark {

    /** The codec's package-private tree path and mapper, reached by reflection to keep them out of its API. */
    private static final MethodHandle DECODE_VIA_TREE;
    private static final ObjectMapper CODEC_MAPPER;

    static {
        try {
            Method decodeViaTree = EventCodec.class.getDeclaredMethod("decodeViaTree", byte[].class, Class.class);
            decodeViaTree.setAccessible(true);
            DECODE_VIA_TREE = MethodHandles.lookup().unreflect(decodeViaTree)
                    .asType(MethodType.methodType(Event.class, byte[].class, Class.class));
            Field mapper = EventCodec.class.getDeclaredField("MAPPER");
            mapper.setAccessible(true);
            CODEC_MAPPER = (ObjectMapper) mapper.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Param({"KlineClosed", "IndicatorsComputed", "SignalGenerated"})
    public String eventType;

    private byte[] json;
    private Class<? extends Event> type;
    private Event event;
    private ObjectWriter writer;

    @Setup
    public void setUp() throws Throwable {
        String text = switch (eventType) {
            case "KlineClosed" -> KLINE;
            case "IndicatorsComputed" -> INDICATORS;
            case "SignalGenerated" -> SIGNAL;
            default -> throw new IllegalArgumentException("no sample of " + eventType);
        };
        event = EventCodec.decodeAny(text.getBytes(StandardCharsets.UTF_8));
        type = event.getClass();
        // The bytes as the producers write them: the header first, then the fields in @JsonPropertyOrder.
        json = EventCodec.encode(event);
        writer = CODEC_MAPPER.writerFor(type);
        Event viaTree = (Event) DECODE_VIA_TREE.invokeExact(json, (Class<?>) type);
        if (!viaTree.equals(EventCodec.decode(json, type)) || !viaTree.equals(event)
                || !Arrays.equals(writer.writeValueAsBytes(event), json)) {
            throw new IllegalStateException("the two paths disagree on " + new String(json, StandardCharsets.UTF_8));
        }
    }

    @Benchmark
    public Event decodeTree() throws Throwable {
        return (Event) DECODE_VIA_TREE.invokeExact(json, (Class<?>) type);
    }

    @Benchmark
    public Event decode() {
        return EventCodec.decode(json, type);
    }

    @Benchmark
    public byte[] encode() {
        return EventCodec.encode(event);
    }

    @Benchmark
    public byte[] encodeWriter() throws Exception {
        return writer.writeValueAsBytes(event);
    }

    private static final String KLINE = """
            {"eventId":"BTCUSDT-1m-1700006400000","eventType":"KlineClosed","schemaVersion":1,"source":"binance",
             "market":"USD_M","symbol":"BTCUSDT","interval":"1m","openTime":1700006400000,"closeTime":1700006459999,
             "open":"35559.10","high":"35567","low":"35544.60","close":"35565.40","volume":"196.425",
             "quoteVolume":"6983542.53060","trades":1925,"eventTime":1700006460012,"producedAt":1700006460047}
            """;

    /** Five indicator values, as a bot with an EMA cross, RSI and ATR exits asks for. */
    private static final String INDICATORS = """
            {"eventId":"BTCUSDT-1m-1700006400000","eventType":"IndicatorsComputed","schemaVersion":1,
             "symbol":"BTCUSDT","interval":"1m","openTime":1700006400000,"closeTime":1700006459999,
             "open":"35559.10","high":"35567","low":"35544.60","close":"35565.40","volume":"196.425",
             "values":{"atr(14)":"18.9571","ema(21)":"35532.5190","ema(9)":"35551.0472","rsi(14)":"61.27",
             "sma(50)":"35498.6128"},
             "stable":true,"eventTime":1700006460012,"producedAt":1700006460061}
            """;

    private static final String SIGNAL = """
            {"eventId":"btc-ema-cross-BTCUSDT-1m-1700006400000","eventType":"SignalGenerated","schemaVersion":1,
             "signalId":"btc-ema-cross-BTCUSDT-1m-1700006400000","botId":"btc-ema-cross","strategy":"ema-cross",
             "symbol":"BTCUSDT","interval":"1m","klineOpenTime":1700006400000,"action":"ENTER_LONG",
             "referencePrice":"35565.40","stopLoss":"35508.50","takeProfit":"35679.20",
             "reason":"ema(9) crossed above ema(21), rsi(14) 61.27","eventTime":1700006460012,
             "producedAt":1700006460075}
            """;
}
