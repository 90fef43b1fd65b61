package io.tradeflow.core.indicator;

/**
 * What every indicator shares: its name, the count of klines folded in, and packing its fields into the flat
 * {@code double[]} of {@link #state()}. Subclasses list their fields once, in {@link #save} and {@link #load}.
 */
abstract class BaseIndicator implements Indicator {

    private final String name;
    /** Klines folded in so far; kept as a long, stored in the state as a double (exact below 2^53). */
    long count;

    BaseIndicator(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public boolean isStable() {
        return count >= warmUp();
    }

    @Override
    public int outputs() {
        return 1;
    }

    @Override
    public String outputName(int index) {
        checkOutput(index);
        return name;
    }

    final void checkOutput(int index) {
        if (index < 0 || index >= outputs()) {
            throw new IndexOutOfBoundsException(name + " has " + outputs() + " output(s), not index " + index);
        }
    }

    /** The number of doubles {@link #save} writes, count excluded. */
    abstract int stateSize();

    abstract void save(PackedState out);

    abstract void load(PackedState in);

    @Override
    public final double[] state() {
        PackedState out = PackedState.writer(1 + stateSize());
        out.putLong(count);
        save(out);
        return out.finish();
    }

    @Override
    public final void restore(double[] state) {
        PackedState in = PackedState.reader(state, 1 + stateSize(), name);
        long restoredCount = in.getLong();
        if (restoredCount < 0) {
            throw new IllegalArgumentException("state of " + name + " has a negative kline count " + restoredCount);
        }
        count = restoredCount;
        load(in);
        in.finish();
    }

    @Override
    public String toString() {
        return name;
    }
}
