package io.tradeflow.benchmarks.candles;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.event.KlineClosed;

import java.util.List;

/**
 * The alternative market-data-service did not take: the former one-kline script, once per kline, but the whole
 * batch sent at once and the replies read after (what the Vert.x client's {@code batch(List<Request>)} does). The
 * script is loaded once and called by its SHA1 (EVALSHA), so its text is not sent with every kline: this design
 * at its best.
 */
final class PipelinedEvalPerKline implements CandleWriter {
    private final String keep;
    private String sha;

    PipelinedEvalPerKline(int keep) {
        this.keep = Integer.toString(keep);
    }

    @Override
    public String name() {
        return "pipelined EVALSHA per kline";
    }

    @Override
    public void prepare(RespConnection redis) {
        sha = (String) redis.call("SCRIPT", "LOAD", OneEvalPerKline.SCRIPT);
    }

    @Override
    public void write(RespConnection redis, List<KlineClosed> batch) {
        for (KlineClosed kline : batch) {
            redis.send(List.of("EVALSHA", sha, "2", CandleWriter.candlesKey(kline), CandleWriter.priceKey(kline),
                    EventCodec.encodeToString(kline), Long.toString(kline.openTime()), keep, kline.close().toPlainString()));
        }
        redis.flush();
        for (int i = 0; i < batch.size(); i++) {
            redis.read();
        }
    }
}
