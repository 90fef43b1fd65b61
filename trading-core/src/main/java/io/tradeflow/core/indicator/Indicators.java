package io.tradeflow.core.indicator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses indicator names. The canonical form is lower case without spaces, with whole-number periods without
 * leading zeros and the Bollinger multiplier without trailing zeros: {@code sma(21)}, {@code macd(12,26,9)},
 * {@code bb(20,2.5)}. Snapshots key values by it, so two spellings of one indicator are one indicator.
 */
public final class Indicators {

    public static final int MIN_PERIOD = 1;
    public static final int MAX_PERIOD = 1000;
    public static final BigDecimal MAX_BAND_WIDTH = BigDecimal.TEN;

    private static final Pattern CALL = Pattern.compile("([a-z]+)\\(([^()]*)\\)");
    private static final Pattern WHOLE = Pattern.compile("[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    static final String KNOWN_FORMS = "sma(n), ema(n), rsi(n), atr(n), highest(n), lowest(n), pivothigh(n), "
            + "pivotlow(n) with n in " + MIN_PERIOD + ".." + MAX_PERIOD + "; macd(fast,slow,signal) with each in "
            + MIN_PERIOD + ".." + MAX_PERIOD + " and fast < slow; bb(n,k) with n in " + MIN_PERIOD + ".."
            + MAX_PERIOD + " and k a decimal above 0 and at most " + MAX_BAND_WIDTH;

    private Indicators() {
    }

    /** A fresh indicator for {@code name} (any spelling {@link #canonical} accepts). */
    public static Indicator create(String name) {
        return parse(name);
    }

    /** The canonical spelling of {@code name}, e.g. {@code " SMA( 21 )"} gives {@code sma(21)}. */
    public static String canonical(String name) {
        return parse(name).name();
    }

    /** The output names of {@code name}, e.g. the three of {@code bb(20,2)}. */
    public static List<String> outputNames(String name) {
        Indicator indicator = parse(name);
        List<String> names = new ArrayList<>(indicator.outputs());
        for (int i = 0; i < indicator.outputs(); i++) {
            names.add(indicator.outputName(i));
        }
        return List.copyOf(names);
    }

    private static Indicator parse(String name) {
        if (name == null) {
            throw new IllegalArgumentException("indicator name must not be null (expected one of " + KNOWN_FORMS + ")");
        }
        String compact = name.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
        Matcher call = CALL.matcher(compact);
        if (!call.matches()) {
            throw invalid(name, "not of the form kind(arguments)");
        }
        String kind = call.group(1);
        String[] args = call.group(2).split(",", -1);
        return switch (kind) {
            case "sma" -> new Sma(period(name, args, 1));
            case "ema" -> new Ema(period(name, args, 1));
            case "rsi" -> new Rsi(period(name, args, 1));
            case "atr" -> new Atr(period(name, args, 1));
            case "highest" -> RollingExtreme.highest(period(name, args, 1));
            case "lowest" -> RollingExtreme.lowest(period(name, args, 1));
            case "pivothigh" -> Pivot.high(period(name, args, 1));
            case "pivotlow" -> Pivot.low(period(name, args, 1));
            case "macd" -> macd(name, args);
            case "bb" -> bollinger(name, args);
            default -> throw invalid(name, "unknown indicator '" + kind + "'");
        };
    }

    private static Indicator macd(String name, String[] args) {
        requireArguments(name, args, 3);
        int fast = whole(name, args[0], "fast");
        int slow = whole(name, args[1], "slow");
        int signal = whole(name, args[2], "signal");
        if (fast >= slow) {
            throw invalid(name, "fast " + fast + " must be below slow " + slow);
        }
        return new Macd(fast, slow, signal);
    }

    private static Indicator bollinger(String name, String[] args) {
        requireArguments(name, args, 2);
        int period = whole(name, args[0], "n");
        if (!DECIMAL.matcher(args[1]).matches()) {
            throw invalid(name, "k '" + args[1] + "' is not a decimal number");
        }
        BigDecimal k = new BigDecimal(args[1]);
        if (k.signum() <= 0 || k.compareTo(MAX_BAND_WIDTH) > 0) {
            throw invalid(name, "k " + args[1] + " is not above 0 and at most " + MAX_BAND_WIDTH);
        }
        return new Bollinger(period, k);
    }

    private static int period(String name, String[] args, int expected) {
        requireArguments(name, args, expected);
        return whole(name, args[0], "n");
    }

    private static void requireArguments(String name, String[] args, int expected) {
        if (args.length != expected) {
            throw invalid(name, "takes " + expected + " argument(s), not " + args.length);
        }
    }

    private static int whole(String name, String arg, String what) {
        if (!WHOLE.matcher(arg).matches()) {
            throw invalid(name, what + " '" + arg + "' is not a whole number");
        }
        // Compared as text length first so "99999999999" is out of range rather than an overflow.
        String digits = arg.replaceFirst("^0+(?=.)", "");
        int value = digits.length() > 4 ? Integer.MAX_VALUE : Integer.parseInt(digits);
        if (value < MIN_PERIOD || value > MAX_PERIOD) {
            throw invalid(name, what + " " + arg + " is outside " + MIN_PERIOD + ".." + MAX_PERIOD);
        }
        return value;
    }

    private static IllegalArgumentException invalid(String name, String problem) {
        return new IllegalArgumentException(
                "invalid indicator name '" + name + "': " + problem + " (expected one of " + KNOWN_FORMS + ")");
    }
}
