package io.tradeflow.benchmarks.exactlyonce;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.indicator.IndicatorSeries;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * A series' state as bytes, for the Streams state store and the transactional loop's state topic alike: its
 * {@link IndicatorSeries.Checkpoint} (everything needed to continue exactly) in a compact binary form. Binary, not
 * the checkpoint's JSON, because Kafka Streams serializes a store value on every put, i.e. once per kline.
 */
final class SeriesStates {
    private SeriesStates() {
    }

    static byte[] encode(IndicatorSeries series) {
        IndicatorSeries.Checkpoint checkpoint = series.checkpoint();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(series.symbol().value());
            out.writeUTF(series.interval().code());
            out.writeLong(checkpoint.lastOpenTime());
            out.writeInt(checkpoint.states().size());
            for (Map.Entry<String, double[]> state : checkpoint.states().entrySet()) {
                out.writeUTF(state.getKey());
                out.writeInt(state.getValue().length);
                for (double value : state.getValue()) {
                    out.writeDouble(value);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array stream cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static IndicatorSeries decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            Symbol symbol = new Symbol(in.readUTF());
            Interval interval = Interval.fromCode(in.readUTF());
            long lastOpenTime = in.readLong();
            int count = in.readInt();
            Map<String, double[]> states = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                double[] state = new double[in.readInt()];
                for (int j = 0; j < state.length; j++) {
                    state[j] = in.readDouble();
                }
                states.put(name, state);
            }
            return IndicatorSeries.restore(symbol, interval, new IndicatorSeries.Checkpoint(lastOpenTime, states));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a series state: " + e.getMessage(), e);
        }
    }
}
