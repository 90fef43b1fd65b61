package io.tradeflow.core.indicator;

/**
 * The maximum of a sliding window of the last {@code width} values in O(1) amortized per value, allocation-free:
 * a deque (in preallocated ring arrays) of the values that can still become the maximum, non-increasing from the
 * front, each with its position in the stream. Minima use it on negated values ({@code -(-x) == x} exactly).
 *
 * <p>With {@code keepTies} an equal value does not evict an earlier one, so a tie for the maximum shows up as an
 * equal second element; pivots need that to reject a high that is only as high as a neighbour.
 */
final class MaxDeque {

    private final int width;
    private final boolean keepTies;
    private final double[] values;
    private final long[] positions;
    private int head;
    private int size;

    MaxDeque(int width, boolean keepTies) {
        this.width = width;
        this.keepTies = keepTies;
        this.values = new double[width];
        this.positions = new long[width];
    }

    /** Adds the value at stream position {@code position} (0, 1, 2, ...) and drops what left the window. */
    void add(long position, double value) {
        if (size > 0 && positions[head] <= position - width) {
            head = next(head);
            size--;
        }
        while (size > 0 && evicts(value, values[slot(size - 1)])) {
            size--;
        }
        int tail = slot(size);
        values[tail] = value;
        positions[tail] = position;
        size++;
    }

    private boolean evicts(double value, double back) {
        return keepTies ? back < value : back <= value;
    }

    double max() {
        return values[head];
    }

    long maxPosition() {
        return positions[head];
    }

    /** True if another value in the window equals the maximum (only meaningful with {@code keepTies}). */
    boolean maxIsTied() {
        return size > 1 && values[slot(1)] == values[head];
    }

    private int slot(int offset) {
        int slot = head + offset;
        return slot >= width ? slot - width : slot;
    }

    private int next(int slot) {
        return slot + 1 == width ? 0 : slot + 1;
    }

    int stateSize() {
        return 2 + 2 * width;
    }

    void save(PackedState out) {
        out.putLong(head);
        out.putLong(size);
        out.put(values);
        out.put(positions);
    }

    void load(PackedState in) {
        head = in.getIndex(width - 1);
        size = in.getIndex(width);
        in.get(values);
        in.get(positions);
    }
}
