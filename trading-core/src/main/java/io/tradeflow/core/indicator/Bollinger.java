package io.tradeflow.core.indicator;

import java.math.BigDecimal;

/**
 * Bollinger bands of the close: middle = SMA(n), upper/lower = middle ± k · the population standard deviation of
 * the same n closes (TA-Lib's BBANDS with its defaults). First values on the n-th kline.
 *
 * <p>The deviation is not TA-Lib's mean-of-squares-minus-square-of-mean, which cancels catastrophically at BTC prices
 * (squares near 1e9, variances near 1): the sum of squared deviations is slid along (replace one value: O(1)) and,
 * as {@link Sma} does with its sum, recomputed exactly from the ring in two passes whenever the ring wraps.
 */
final class Bollinger extends BaseIndicator {

    private final int period;
    private final double k;
    private final double[] window;
    private final String[] outputNames;
    private int position;
    private double sum;
    private double squaredDeviations;

    Bollinger(int period, BigDecimal k) {
        super("bb(" + period + "," + k.stripTrailingZeros().toPlainString() + ")");
        this.period = period;
        this.k = k.doubleValue();
        this.window = new double[period];
        this.outputNames = new String[] {name() + ".upper", name() + ".middle", name() + ".lower"};
    }

    @Override
    public int warmUp() {
        return period;
    }

    @Override
    public void update(double open, double high, double low, double close, double volume) {
        if (count >= period) {
            double old = window[position];
            double oldMean = sum / period;
            sum += close - old;
            double newMean = sum / period;
            squaredDeviations += (close - old) * ((close - newMean) + (old - oldMean));
        }
        window[position] = close;
        if (count < period) {
            sum += close;
        }
        count++;
        if (++position == period) {
            position = 0;
            recompute();
        }
    }

    private void recompute() {
        double total = 0;
        for (double value : window) {
            total += value;
        }
        double mean = total / period;
        double deviations = 0;
        for (double value : window) {
            double deviation = value - mean;
            deviations += deviation * deviation;
        }
        sum = total;
        squaredDeviations = deviations;
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
        double middle = sum / period;
        // Sliding can leave a tiny negative where the exact value is 0 (a flat window).
        double band = k * Math.sqrt(Math.max(0.0, squaredDeviations) / period);
        return switch (index) {
            case 0 -> middle + band;
            case 1 -> middle;
            default -> middle - band;
        };
    }

    @Override
    int stateSize() {
        return 3 + period;
    }

    @Override
    void save(PackedState out) {
        out.putLong(position);
        out.put(sum);
        out.put(squaredDeviations);
        out.put(window);
    }

    @Override
    void load(PackedState in) {
        position = in.getIndex(period - 1);
        sum = in.get();
        squaredDeviations = in.get();
        in.get(window);
    }
}
