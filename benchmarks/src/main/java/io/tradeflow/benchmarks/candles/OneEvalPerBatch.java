package io.tradeflow.benchmarks.candles;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.event.KlineClosed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * market-data-service's writer since issue 14: one EVAL per batch carrying all its klines, running the service's
 * own script ({@code append-klines.lua}, read from its source folder), with the arguments laid out as
 * {@code CandleBatchWriter.arguments} lays them out: the script, the keys each once, {@code keep}, then per kline
 * the index of its list key, the index of its price key, open time, JSON, close.
 */
final class OneEvalPerBatch implements CandleWriter {
    private final String script;
    private final int keep;

    OneEvalPerBatch(String script, int keep) {
        this.script = script;
        this.keep = keep;
    }

    @Override
    public String name() {
        return "one EVAL per batch";
    }

    @Override
    public void write(RespConnection redis, List<KlineClosed> batch) {
        Map<String, Integer> keys = new LinkedHashMap<>();
        List<String> perKline = new ArrayList<>(batch.size() * 5);
        for (KlineClosed kline : batch) {
            int list = keys.computeIfAbsent(CandleWriter.candlesKey(kline), key -> keys.size() + 1);
            int price = keys.computeIfAbsent(CandleWriter.priceKey(kline), key -> keys.size() + 1);
            perKline.add(Integer.toString(list));
            perKline.add(Integer.toString(price));
            perKline.add(Long.toString(kline.openTime()));
            perKline.add(EventCodec.encodeToString(kline));
            perKline.add(kline.close().toPlainString());
        }
        List<String> command = new ArrayList<>(4 + keys.size() + perKline.size());
        command.add("EVAL");
        command.add(script);
        command.add(Integer.toString(keys.size()));
        command.addAll(keys.keySet());
        command.add(Integer.toString(keep));
        command.addAll(perKline);
        redis.send(command);
        redis.flush();
        redis.read();
    }
}
