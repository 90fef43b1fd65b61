package io.tradeflow.core.indicator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link IndicatorSeries.Checkpoint} in a compact binary form, for state stores that write a series' state once per
 * kline (Kafka Streams serializes a store value on every put): a format byte, {@code lastOpenTime}, then per indicator
 * its canonical name and state doubles (IEEE 754 bits, so NaN and the infinities survive). About ten times smaller
 * and faster than {@link IndicatorSeries.Checkpoint#toJson()}.
 */
public final class CheckpointBytes {
    private static final byte FORMAT = 1;

    private CheckpointBytes() {
    }

    public static byte[] write(IndicatorSeries.Checkpoint checkpoint) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 48 * checkpoint.states().size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
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

    /** @throws IllegalArgumentException if {@code bytes} were not written by {@link #write} */
    public static IndicatorSeries.Checkpoint read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("checkpoint format " + format + " is not " + FORMAT);
            }
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
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " bytes left after the checkpoint");
            }
            return new IndicatorSeries.Checkpoint(lastOpenTime, states);
        } catch (IOException | NegativeArraySizeException | OutOfMemoryError e) {
            throw new IllegalArgumentException("not a binary checkpoint: " + e, e);
        }
    }
}
