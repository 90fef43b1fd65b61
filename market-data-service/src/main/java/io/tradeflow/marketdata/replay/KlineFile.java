package io.tradeflow.marketdata.replay;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A recorded kline file and the pair it holds. The CSV rows do not name their symbol or interval, so both come from
 * the file name as data.binance.vision writes it ({@code BTCUSDT-1m-2023-11-15.csv}, {@code BTCUSDT-1m-2023-11.zip})
 * or as our copies extend it ({@code BTCUSDT-UM-1m-2023-11-15_to_2023-11-21.csv}): the symbol is the first
 * dash-separated token, the interval the first later token that is an interval code.
 */
public record KlineFile(Path path, Symbol symbol, Interval interval) {

    public boolean isZip() {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /** Derives the pair from the file name; fails with a message naming the file when it cannot. */
    public static KlineFile of(Path path) {
        Path fileName = path.getFileName();
        if (fileName == null) {
            throw badName(path, "it has no file name");
        }
        String name = fileName.toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".csv") && !lower.endsWith(".zip")) {
            throw badName(path, "it is neither a .csv nor a .zip file");
        }
        String[] tokens = name.substring(0, name.length() - 4).split("-");
        Symbol symbol;
        try {
            symbol = Symbol.of(tokens[0]);
        } catch (IllegalArgumentException e) {
            throw badName(path, "its first token '" + tokens[0] + "' is not a symbol");
        }
        for (int i = 1; i < tokens.length; i++) {
            Interval interval = intervalOrNull(tokens[i]);
            if (interval != null) {
                return new KlineFile(path, symbol, interval);
            }
        }
        throw badName(path, "none of its tokens is an interval code such as 1m or 1h");
    }

    private static Interval intervalOrNull(String token) {
        try {
            return Interval.fromCode(token);
        } catch (IllegalArgumentException notAnInterval) {
            return null;
        }
    }

    private static ReplayException badName(Path path, String why) {
        return new ReplayException("Cannot tell the symbol and interval of replay file " + path + ": " + why
                + " (expected a data.binance.vision name such as BTCUSDT-1m-2023-11-15.csv or BTCUSDT-1m-2023-11.zip)");
    }

    @Override
    public String toString() {
        return path + " (" + symbol.value() + " " + interval.code() + ")";
    }
}
