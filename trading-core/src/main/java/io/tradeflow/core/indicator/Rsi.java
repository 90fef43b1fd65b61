package io.tradeflow.core.indicator;

/**
 * Wilder's relative strength index of the close, as TA-Lib computes it: the first average gain and loss are the
 * simple means of the first n close-to-close changes, so the first value comes on kline n+1; after that
 * {@code avg = (avg * (n - 1) + x) / n}, and {@code rsi = 100 * avgGain / (avgGain + avgLoss)}.
 *
 * <p>When nothing moved for the whole averaging span (both averages exactly 0) the value is 50, neutral. TA-Lib gives
 * 0 there (and treats sums below 1e-8 as zero, which would hit coins priced in millionths), and an RSI of 0 reads
 * as "deeply oversold": a flat, halted or illiquid market would trigger every RSI buy rule.
 */
final class Rsi extends BaseIndicator {

    static final double FLAT = 50.0;

    private final int period;
    private double previousClose;
    private double averageGain;
    private double averageLoss;

    Rsi(int period) {
        super("rsi(" + period + ")");
        this.period = period;
    }

    @Override
    public int warmUp() {
        return period + 1;
    }

    @Override
    public void update(double open, double high, double low, double close, double volume) {
        count++;
        if (count == 1) {
            previousClose = close;
            return;
        }
        double change = close - previousClose;
        previousClose = close;
        long changes = count - 1;
        if (changes <= period) {
            if (change < 0) {
                averageLoss -= change;
            } else {
                averageGain += change;
            }
            if (changes == period) {
                averageLoss /= period;
                averageGain /= period;
            }
        } else {
            averageLoss *= (period - 1);
            averageGain *= (period - 1);
            if (change < 0) {
                averageLoss -= change;
            } else {
                averageGain += change;
            }
            averageLoss /= period;
            averageGain /= period;
        }
    }

    @Override
    public double value(int index) {
        checkOutput(index);
        if (!isStable()) {
            return Double.NaN;
        }
        double total = averageGain + averageLoss;
        return total == 0 ? FLAT : 100.0 * (averageGain / total);
    }

    @Override
    int stateSize() {
        return 3;
    }

    @Override
    void save(PackedState out) {
        out.put(previousClose);
        out.put(averageGain);
        out.put(averageLoss);
    }

    @Override
    void load(PackedState in) {
        previousClose = in.get();
        averageGain = in.get();
        averageLoss = in.get();
    }
}
