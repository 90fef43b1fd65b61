package io.tradeflow.core.indicator;

/** A cursor over the flat {@code double[]} of an indicator's state, for writing it or reading it back in order. */
final class PackedState {

    private final double[] values;
    private final String owner;
    private int position;

    private PackedState(double[] values, String owner) {
        this.values = values;
        this.owner = owner;
    }

    static PackedState writer(int size) {
        return new PackedState(new double[size], null);
    }

    static PackedState reader(double[] state, int expectedSize, String owner) {
        if (state == null || state.length != expectedSize) {
            throw new IllegalArgumentException("state of " + owner + " must hold " + expectedSize + " values, not "
                    + (state == null ? "null" : state.length));
        }
        return new PackedState(state, owner);
    }

    void put(double value) {
        values[position++] = value;
    }

    void putLong(long value) {
        values[position++] = value;
    }

    void put(double[] array) {
        System.arraycopy(array, 0, values, position, array.length);
        position += array.length;
    }

    void put(long[] array) {
        for (long value : array) {
            values[position++] = value;
        }
    }

    double get() {
        return values[position++];
    }

    long getLong() {
        double value = values[position++];
        if (value != Math.rint(value) || Math.abs(value) > (1L << 53)) {
            throw new IllegalArgumentException("state of " + owner + " holds " + value + " where a whole number belongs");
        }
        return (long) value;
    }

    /** Reads a ring position or deque size, checked against its bound so a bad state fails here, not later. */
    int getIndex(int bound) {
        long value = getLong();
        if (value < 0 || value > bound) {
            throw new IllegalArgumentException("state of " + owner + " holds " + value + " outside 0.." + bound);
        }
        return (int) value;
    }

    void get(double[] array) {
        System.arraycopy(values, position, array, 0, array.length);
        position += array.length;
    }

    void get(long[] array) {
        for (int i = 0; i < array.length; i++) {
            array[i] = getLong();
        }
    }

    double[] finish() {
        if (position != values.length) {
            throw new IllegalStateException("packed " + position + " of " + values.length + " state values");
        }
        return values;
    }
}
