package io.tradeflow.benchmarks.exactlyonce;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.indicator.CheckpointBytes;
import io.tradeflow.core.indicator.IndicatorSeries;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A series' state as bytes, for the Streams state store and the transactional loop's state topic alike: the series'
 * name ({@code SYMBOL:INTERVAL}, length-prefixed) followed by trading-core's binary checkpoint
 * ({@link CheckpointBytes}), the form indicator-service stores too.
 */
final class SeriesStates {
    private SeriesStates() {
    }

    static byte[] encode(IndicatorSeries series) {
        byte[] name = (series.symbol().value() + ":" + series.interval().code()).getBytes(StandardCharsets.US_ASCII);
        byte[] checkpoint = CheckpointBytes.write(series.checkpoint());
        return ByteBuffer.allocate(4 + name.length + checkpoint.length).putInt(name.length).put(name).put(checkpoint).array();
    }

    static IndicatorSeries decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        String[] name = new String(bytes, 4, buffer.getInt(), StandardCharsets.US_ASCII).split(":");
        int checkpointStart = 4 + buffer.getInt(0);
        IndicatorSeries.Checkpoint checkpoint = CheckpointBytes.read(Arrays.copyOfRange(bytes, checkpointStart, bytes.length));
        return IndicatorSeries.restore(new Symbol(name[0]), Interval.fromCode(name[1]), checkpoint);
    }
}
