package io.tradeflow.benchmarks.candles;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.event.KlineClosed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a run left in Redis and what Redis says it spent running scripts. */
final class RedisState {
    private RedisState() {
    }

    /**
     * A digest of every list (whole) and price key of {@code newest}'s series, after checking each list holds its
     * newest {@code keep} klines in order; throws naming the first list that does not.
     */
    static String checkedDigest(RespConnection redis, Map<String, KlineClosed> newest, int keep) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (var series : new TreeMap<>(newest).entrySet()) {
            @SuppressWarnings("unchecked")
            List<String> list = (List<String>) redis.call("LRANGE", series.getKey(), "0", "-1");
            long step = series.getValue().interval().duration().toMillis();
            long expected = series.getValue().openTime() - (long) (keep - 1) * step;
            if (list.size() != keep) {
                throw new IllegalStateException(series.getKey() + " holds " + list.size() + " klines, not " + keep);
            }
            for (String json : list) {
                long openTime = EventCodec.decode(json, KlineClosed.class).openTime();
                if (openTime != expected) {
                    throw new IllegalStateException(series.getKey() + " holds the kline of " + openTime + " where "
                            + expected + " belongs");
                }
                expected += step;
                digest.update(json.getBytes(StandardCharsets.UTF_8));
            }
            String price = (String) redis.call("GET", CandleWriter.priceKey(series.getValue()));
            if (!series.getValue().close().toPlainString().equals(price)) {
                throw new IllegalStateException(CandleWriter.priceKey(series.getValue()) + " is " + price + ", not "
                        + series.getValue().close().toPlainString());
            }
            digest.update(price.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }

    /** Calls and microseconds Redis spent in EVAL and EVALSHA since the last {@code CONFIG RESETSTAT}. */
    static long[] scriptCallsAndMicros(RespConnection redis) {
        long calls = 0;
        long micros = 0;
        for (String line : ((String) redis.call("INFO", "commandstats")).split("\r\n")) {
            if (line.startsWith("cmdstat_eval:") || line.startsWith("cmdstat_evalsha:")) {
                for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
                    String[] pair = field.split("=");
                    switch (pair[0]) {
                        case "calls" -> calls += Long.parseLong(pair[1]);
                        case "usec" -> micros += Long.parseLong(pair[1]);
                        default -> {
                        }
                    }
                }
            }
        }
        return new long[] {calls, micros};
    }
}
