package io.tradeflow.benchmarks.candles;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.event.KlineClosed;

import java.util.List;

/**
 * The writer market-data-service had before issue 14, kept here for the comparison: one EVAL of a small script per
 * kline, each waiting for its reply before the next is sent. The script is the former {@code CandleStore.APPEND}.
 */
final class OneEvalPerKline implements CandleWriter {
    static final String SCRIPT = """
            local last = redis.call('LINDEX', KEYS[1], -1)
            if last and tonumber(cjson.decode(last)['openTime']) >= tonumber(ARGV[2]) then return 0 end
            redis.call('RPUSH', KEYS[1], ARGV[1])
            redis.call('LTRIM', KEYS[1], -tonumber(ARGV[3]), -1)
            redis.call('SET', KEYS[2], ARGV[4])
            return 1
            """;

    private final String keep;

    OneEvalPerKline(int keep) {
        this.keep = Integer.toString(keep);
    }

    @Override
    public String name() {
        return "one EVAL per kline";
    }

    @Override
    public void write(RespConnection redis, List<KlineClosed> batch) {
        for (KlineClosed kline : batch) {
            redis.call("EVAL", SCRIPT, "2", CandleWriter.candlesKey(kline), CandleWriter.priceKey(kline),
                    EventCodec.encodeToString(kline), Long.toString(kline.openTime()), keep, kline.close().toPlainString());
        }
    }
}
