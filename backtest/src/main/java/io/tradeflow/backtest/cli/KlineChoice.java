package io.tradeflow.backtest.cli;

import io.tradeflow.backtest.input.InputException;
import io.tradeflow.klinefiles.DateSpan;
import io.tradeflow.klinefiles.KlineFile;
import io.tradeflow.klinefiles.KlineFolder;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The kline files a run reads: those named ({@code --klines}), or those of a folder ({@code --data}) that hold the
 * bots' pairs on the days asked for, found by their data.binance.vision names.
 *
 * @param files the files to read
 * @param where where they come from, for messages: the folder, or "the files given"
 * @param days  the days asked for, empty for all the files hold
 */
record KlineChoice(List<KlineFile> files, String where, Optional<DateSpan> days) {
    /** More files than this are not all named in a message. */
    private static final int FILES_NAMED = 12;

    /** The named files; their names must tell their pairs. */
    static KlineChoice named(List<Path> paths, Optional<DateSpan> days) {
        return new KlineChoice(paths.stream().map(KlineFile::of).toList(), "the files given", days);
    }

    /**
     * The files of {@code folder} that hold {@code series} on {@code days}; fails naming the series that has none and
     * the kline files the folder does hold.
     */
    static KlineChoice inFolder(Path folder, Collection<Series> series, DateSpan days) {
        List<KlineFile> all = KlineFolder.list(folder);
        Set<Series> wanted = Set.copyOf(series);
        List<KlineFile> chosen = KlineFolder.select(all, (symbol, interval) -> wanted.contains(new Series(symbol, interval)),
                days.first(), days.last());
        for (Series s : series) {
            if (chosen.stream().noneMatch(file -> Series.of(file).equals(s))) {
                throw new InputException("No kline file of " + s + " between " + days.first() + " and " + days.last()
                        + " in " + folder + ": " + found(all) + ". Download the days from data.binance.vision "
                        + "(e.g. futures/um/daily/klines/" + s.symbol().value() + "/" + s.interval().code() + "/), or "
                        + "choose --from and --to within the files' days.");
            }
        }
        return new KlineChoice(chosen, folder.toString(), Optional.of(days));
    }

    /** The pairs the files hold, in the order first met. */
    Set<Series> series() {
        return files.stream().map(Series::of).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Only the files of {@code series}. */
    KlineChoice of(Collection<Series> series) {
        return new KlineChoice(files.stream().filter(file -> series.contains(Series.of(file))).toList(), where, days);
    }

    /** "the files found are A (BTCUSDT 1m, 2023-11-15), B (...)", or that there is none. */
    static String found(List<KlineFile> files) {
        if (files.isEmpty()) {
            return "there is no kline file there (data.binance.vision names such as BTCUSDT-1m-2023-11-15.zip)";
        }
        String named = files.stream().limit(FILES_NAMED).map(KlineFolder::describe).collect(Collectors.joining(", "));
        return "the kline files found are " + named
                + (files.size() > FILES_NAMED ? " and " + (files.size() - FILES_NAMED) + " more" : "");
    }

    /** "between 2023-11-15 and 2023-11-21 " or nothing, for messages. */
    String between() {
        return days.map(span -> "between " + span.first() + " and " + span.last() + " ").orElse("");
    }
}
