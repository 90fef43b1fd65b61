package io.tradeflow.marketdata.cache;

import io.quarkus.redis.datasource.RedisDataSource;
import io.tradeflow.core.event.KlineClosed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a batch of klines to their Redis candle lists in one round trip: one EVAL of {@code append-klines.lua}
 * carrying the whole batch. The script walks the klines in the order given, so every list ends exactly as if the
 * klines had been appended one by one (only a kline newer than the list's last, trimmed to {@code keep}), and
 * writing the same batch again changes nothing.
 */
final class CandleBatchWriter {
    static final String SCRIPT = readScript();

    private final RedisDataSource redis;
    private final int keep;

    CandleBatchWriter(RedisDataSource redis, int keep) {
        this.redis = redis;
        this.keep = keep;
    }

    /** Writes {@code batch} (oldest first) and returns how many klines were appended; throws when Redis fails. */
    int write(List<CandleWrite> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        return redis.execute("EVAL", arguments(batch, keep)).toInteger();
    }

    /** EVAL's arguments after the command: the script, the keys (each once), then {@code keep} and five per kline. */
    static String[] arguments(List<CandleWrite> batch, int keep) {
        Map<String, Integer> keys = new LinkedHashMap<>();
        List<String> perKline = new ArrayList<>(batch.size() * 5);
        for (CandleWrite write : batch) {
            KlineClosed kline = write.kline();
            int list = keys.computeIfAbsent(CandleStore.candlesKey(kline), key -> keys.size() + 1);
            int price = keys.computeIfAbsent(CandleStore.priceKey(kline.symbol()), key -> keys.size() + 1);
            perKline.add(Integer.toString(list));
            perKline.add(Integer.toString(price));
            perKline.add(Long.toString(kline.openTime()));
            perKline.add(write.json());
            perKline.add(kline.close().toPlainString());
        }
        List<String> arguments = new ArrayList<>(3 + keys.size() + perKline.size());
        arguments.add(SCRIPT);
        arguments.add(Integer.toString(keys.size()));
        arguments.addAll(keys.keySet());
        arguments.add(Integer.toString(keep));
        arguments.addAll(perKline);
        return arguments.toArray(String[]::new);
    }

    private static String readScript() {
        try (InputStream in = CandleBatchWriter.class.getResourceAsStream("append-klines.lua")) {
            if (in == null) {
                throw new IllegalStateException("append-klines.lua is missing next to CandleBatchWriter: rebuild market-data-service");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read append-klines.lua: " + e.getMessage(), e);
        }
    }
}
