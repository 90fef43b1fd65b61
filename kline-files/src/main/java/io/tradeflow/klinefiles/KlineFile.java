package io.tradeflow.klinefiles;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A recorded kline file and the pair it holds. The CSV rows do not name their symbol or interval, so both come from
 * the file name as data.binance.vision writes it ({@code BTCUSDT-1m-2023-11-15.csv}, {@code BTCUSDT-1m-2023-11.zip})
 * or as our copies extend it ({@code BTCUSDT-UM-1m-2023-11-15_to_2023-11-21.csv}): the symbol is the first
 * dash-separated token, the interval the first later token that is an interval code.
 *
 * <p>The archive names intervals with Binance's codes ({@code 1m}, {@code 4h}, ...) except the month, {@code 1mo}:
 * "1mo is used instead of 1M to support non-case sensitive file systems" (README of
 * github.com/binance/binance-public-data). Those file-naming words are translated here, so that trading-core's
 * {@link Interval} knows only the exchange's codes; {@code 1M}, as our copies may write it, is read too.
 */
public record KlineFile(Path path, Symbol symbol, Interval interval) {
    /** data.binance.vision's words for intervals whose code a case-insensitive file system could not tell apart. */
    private static final Map<String, Interval> ARCHIVE_WORDS = Map.of("1mo", Interval.ONE_MONTH);
    /** Intervals the archive holds that trading-core does not have: named in the error rather than "no interval". */
    private static final Map<String, String> NOT_READ = Map.of("1s", "one-second klines");

    public boolean isZip() {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /**
     * The days the file covers by its name: what follows the interval token ({@code 2023-11-15}, {@code 2023-11},
     * {@code 2023-11-15_to_2023-11-21}); empty when the name has no such date part.
     */
    public Optional<DateSpan> dates() {
        String name = path.getFileName().toString();
        String[] tokens = name.substring(0, name.length() - 4).split("-");
        for (int i = 1; i < tokens.length; i++) {
            if (intervalOrNull(tokens[i]) == interval) {
                return DateSpan.parse(String.join("-", Arrays.copyOfRange(tokens, i + 1, tokens.length)));
            }
        }
        return Optional.empty();
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
            if (NOT_READ.containsKey(tokens[i])) {
                throw badName(path, "its interval " + tokens[i] + " (" + NOT_READ.get(tokens[i])
                        + ") is not one Tradeflow works with; use a file of 1m or longer klines");
            }
            Interval interval = intervalOrNull(tokens[i]);
            if (interval != null) {
                return new KlineFile(path, symbol, interval);
            }
        }
        throw badName(path, "none of its tokens is an interval code such as 1m, 1h or 1mo");
    }

    private static Interval intervalOrNull(String token) {
        Interval archiveWord = ARCHIVE_WORDS.get(token);
        if (archiveWord != null) {
            return archiveWord;
        }
        try {
            return Interval.fromCode(token);
        } catch (IllegalArgumentException notAnInterval) {
            return null;
        }
    }

    private static KlineFileException badName(Path path, String why) {
        return new KlineFileException("Cannot tell the symbol and interval of kline file " + path + ": " + why
                + " (expected a data.binance.vision name such as BTCUSDT-1m-2023-11-15.csv, BTCUSDT-1m-2023-11.zip or BTCUSDT-1mo-2024-01.zip)");
    }

    @Override
    public String toString() {
        return path + " (" + symbol.value() + " " + interval.code() + ")";
    }
}
