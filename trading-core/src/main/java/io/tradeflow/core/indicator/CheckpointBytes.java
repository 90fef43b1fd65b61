package io.tradeflow.core.indicator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A {@link IndicatorSeries.Checkpoint} in a compact binary form, for state stores that write a series' state once per
 * kline (Kafka Streams serializes a store value on every put). About ten times smaller and faster than
 * {@link IndicatorSeries.Checkpoint#toJson()}.
 *
 * <p>The format, all big-endian, is that of {@link DataOutputStream} (stores and changelog topics of running
 * installations hold it, so it never changes without a new format byte):
 * <pre>
 * byte   format (1)
 * long   lastOpenTime
 * int    count
 * count times, in name order:
 *   unsigned short + bytes  the canonical name in modified UTF-8 ({@link DataOutputStream#writeUTF})
 *   int                     n, the number of state values
 *   n longs                 the values' {@link Double#doubleToLongBits} (IEEE 754, so NaN and the infinities survive)
 * </pre>
 * Written into one exactly sized array without streams: the write runs on every kline of every series.
 */
public final class CheckpointBytes {
    private static final byte FORMAT = 1;
    private static final int HEADER = Byte.BYTES + Long.BYTES + Integer.BYTES;
    private static final int MAX_NAME_BYTES = 0xFFFF;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private CheckpointBytes() {
    }

    public static byte[] write(IndicatorSeries.Checkpoint checkpoint) {
        Map<String, double[]> states = checkpoint.states();
        String[] names = new String[states.size()];
        double[][] values = new double[names.length][];
        int i = 0;
        for (Map.Entry<String, double[]> state : states.entrySet()) {
            names[i] = state.getKey();
            values[i++] = state.getValue();
        }
        return write(checkpoint.lastOpenTime(), names, values);
    }

    /**
     * The one writer of the format: {@code names[i]} with {@code states[i]}, names already in the order they are to
     * be written (a checkpoint's sorted order); the arrays are only read.
     *
     * @throws IllegalArgumentException for a name longer than modified UTF-8's 65 535 bytes
     */
    static byte[] write(long lastOpenTime, String[] names, double[][] states) {
        byte[][] encodedNames = null; // only for names that are not plain ASCII, which canonical names always are
        long size = HEADER;
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            int nameBytes;
            if (isPlainAscii(name)) {
                nameBytes = Short.BYTES + name.length();
            } else {
                encodedNames = encodedNames == null ? new byte[names.length][] : encodedNames;
                encodedNames[i] = modifiedUtf8(name);
                nameBytes = encodedNames[i].length;
            }
            size += nameBytes + Integer.BYTES + (long) Double.BYTES * states[i].length;
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("checkpoint of " + size + " bytes is too large for one byte array");
        }
        byte[] bytes = new byte[(int) size];
        bytes[0] = FORMAT;
        LONGS.set(bytes, 1, lastOpenTime);
        INTS.set(bytes, 9, names.length);
        int at = HEADER;
        for (int i = 0; i < names.length; i++) {
            byte[] encoded = encodedNames == null ? null : encodedNames[i];
            if (encoded == null) {
                String name = names[i];
                int length = name.length();
                bytes[at] = (byte) (length >>> 8);
                bytes[at + 1] = (byte) length;
                at += Short.BYTES;
                for (int c = 0; c < length; c++) {
                    bytes[at + c] = (byte) name.charAt(c);
                }
                at += length;
            } else {
                System.arraycopy(encoded, 0, bytes, at, encoded.length);
                at += encoded.length;
            }
            double[] state = states[i];
            INTS.set(bytes, at, state.length);
            at += Integer.BYTES;
            at = putDoubles(bytes, at, state);
        }
        return bytes;
    }

    /**
     * Writes {@code values} as DataOutputStream's {@code writeDouble} does: {@link Double#doubleToLongBits}, which
     * collapses every NaN to the one canonical NaN (a DoubleBuffer or a double VarHandle would keep a NaN's raw bits,
     * and e.g. 0.0 / 0.0 gives another NaN on x86). The raw bits are written first and a state holding a NaN is
     * rewritten: a warmed state holds none, and the raw loop took half the time of doubleToLongBits' in
     * CheckpointWriteBenchmark's measurements.
     *
     * @return the offset after the values
     */
    private static int putDoubles(byte[] bytes, int start, double[] values) {
        int at = start;
        boolean nan = false;
        for (double value : values) {
            LONGS.set(bytes, at, Double.doubleToRawLongBits(value));
            nan |= value != value;
            at += Long.BYTES;
        }
        if (nan) {
            at = start;
            for (double value : values) {
                LONGS.set(bytes, at, Double.doubleToLongBits(value));
                at += Long.BYTES;
            }
        }
        return at;
    }

    /** True when modified UTF-8 writes every char of {@code name} as the one byte of its value (0x01..0x7F). */
    private static boolean isPlainAscii(String name) {
        int length = name.length();
        if (length > MAX_NAME_BYTES) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            if (c == 0 || c > 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** {@link DataOutputStream#writeUTF}'s bytes, length prefix included, for the names the fast path does not take. */
    private static byte[] modifiedUtf8(String name) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Short.BYTES + 3 * name.length());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(name);
        } catch (UTFDataFormatException e) {
            throw new IllegalArgumentException("indicator name of " + name.length()
                    + " chars is longer than a checkpoint's 65 535 bytes: " + name.substring(0, 40) + "...", e);
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array stream cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException if {@code bytes} were not written by {@link #write} */
    public static IndicatorSeries.Checkpoint read(byte[] bytes) {
        Reader in = new Reader(Objects.requireNonNull(bytes, "bytes"));
        byte format = in.format();
        if (format != FORMAT) {
            throw new IllegalArgumentException("checkpoint format " + format + " is not " + FORMAT
                    + " (not a binary checkpoint, or one written by another version)");
        }
        long lastOpenTime = in.readLong("lastOpenTime");
        int count = in.readSize("indicator count");
        Map<String, double[]> states = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readName(i);
            int length = in.readSize("state length of " + name);
            states.put(name, in.readDoubles(length, name));
        }
        if (in.remaining() > 0) {
            throw new IllegalArgumentException(in.remaining() + " bytes left after the checkpoint of " + count
                    + " indicators (not a binary checkpoint)");
        }
        return new IndicatorSeries.Checkpoint(lastOpenTime, states);
    }

    /** A cursor over the bytes of {@link #read} that says what was cut short when they end early. */
    private static final class Reader {
        private final byte[] bytes;
        private int at;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int remaining() {
            return bytes.length - at;
        }

        byte format() {
            require(Byte.BYTES, "the format byte");
            return bytes[at++];
        }

        long readLong(String what) {
            require(Long.BYTES, what);
            long value = (long) LONGS.get(bytes, at);
            at += Long.BYTES;
            return value;
        }

        int readSize(String what) {
            require(Integer.BYTES, what);
            int value = (int) INTS.get(bytes, at);
            if (value < 0) {
                throw new IllegalArgumentException("checkpoint " + what + " is " + value + " at byte " + at
                        + ", negative (not a binary checkpoint)");
            }
            at += Integer.BYTES;
            return value;
        }

        String readName(int index) {
            String what = "the name of indicator " + index;
            require(Short.BYTES, what);
            int length = ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
            require(Short.BYTES + length, what);
            int start = at + Short.BYTES;
            boolean ascii = true;
            for (int i = start; i < start + length && ascii; i++) {
                ascii = bytes[i] > 0; // 0x01..0x7F: one char each in modified UTF-8
            }
            String name;
            if (ascii) {
                name = new String(bytes, start, length, StandardCharsets.US_ASCII);
            } else {
                try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, at, Short.BYTES + length))) {
                    name = in.readUTF();
                } catch (IOException e) {
                    throw new IllegalArgumentException("checkpoint holds no modified UTF-8 for " + what + " at byte "
                            + at + ": " + e.getMessage(), e);
                }
            }
            at = start + length;
            return name;
        }

        double[] readDoubles(int length, String name) {
            require((long) Double.BYTES * length, length + " state values of " + name);
            double[] values = new double[length];
            for (int i = 0; i < length; i++) {
                values[i] = Double.longBitsToDouble((long) LONGS.get(bytes, at));
                at += Long.BYTES;
            }
            return values;
        }

        private void require(long count, String what) {
            if (count > remaining()) {
                throw new IllegalArgumentException("checkpoint truncated: " + what + " needs " + count
                        + " bytes at byte " + at + ", only " + remaining() + " left (not a binary checkpoint)");
            }
        }
    }
}
