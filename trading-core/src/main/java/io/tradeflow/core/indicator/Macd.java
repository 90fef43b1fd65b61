package io.tradeflow.core.indicator;

/**
 * MACD as TA-Lib computes it: line = fast EMA - slow EMA, signal = EMA of the line, histogram = line - signal; all
 * EMAs seeded with the simple mean of their first values.
 *
 * <p>TA-Lib starts the fast EMA so that it is seeded on the same kline as the slow one: the fast seed is the mean of
 * the {@code fast} closes ending on kline {@code slow}, and the first {@code slow - fast} closes never reach the fast
 * EMA. This follows TA-Lib (values match it from the first one); the line therefore exists from kline {@code slow},
 * the signal and every output from kline {@code slow + signal - 1}, which is {@link #warmUp()}.
 */
final class Macd extends BaseIndicator {

    private final int slowPeriod;
    private final int skippedByFast;
    private final Ema fast;
    private final Ema slow;
    private final Ema signal;
    private final String[] outputNames;

    Macd(int fastPeriod, int slowPeriod, int signalPeriod) {
        super("macd(" + fastPeriod + "," + slowPeriod + "," + signalPeriod + ")");
        this.slowPeriod = slowPeriod;
        this.skippedByFast = slowPeriod - fastPeriod;
        this.fast = new Ema(fastPeriod);
        this.slow = new Ema(slowPeriod);
        this.signal = new Ema(signalPeriod);
        this.outputNames = new String[] {name(), name() + ".signal", name() + ".hist"};
    }

    @Override
    public int warmUp() {
        return slowPeriod + signal.warmUp() - 1;
    }

    @Override
    public void update(double open, double high, double low, double close, double volume) {
        count++;
        if (count > skippedByFast) {
            fast.add(close);
        }
        slow.add(close);
        if (count >= slowPeriod) {
            signal.add(fast.current() - slow.current());
        }
    }

    @Override
    public int outputs() {
        return 3;
    }

    @Override
    public String outputName(int index) {
        checkOutput(index);
        return outputNames[index];
    }

    @Override
    public double value(int index) {
        checkOutput(index);
        if (!isStable()) {
            return Double.NaN;
        }
        double line = fast.current() - slow.current();
        return switch (index) {
            case 0 -> line;
            case 1 -> signal.current();
            default -> line - signal.current();
        };
    }

    @Override
    int stateSize() {
        return 3 * (1 + fast.stateSize());
    }

    @Override
    void save(PackedState out) {
        for (Ema ema : new Ema[] {fast, slow, signal}) {
            out.putLong(ema.count);
            ema.save(out);
        }
    }

    @Override
    void load(PackedState in) {
        for (Ema ema : new Ema[] {fast, slow, signal}) {
            ema.count = in.getLong();
            ema.load(in);
        }
    }
}
