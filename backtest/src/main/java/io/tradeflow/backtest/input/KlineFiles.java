package io.tradeflow.backtest.input;

import io.tradeflow.backtest.Klines;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.klinefiles.ChecksumFile;
import io.tradeflow.klinefiles.CsvRow;
import io.tradeflow.klinefiles.DateSpan;
import io.tradeflow.klinefiles.KlineFile;
import io.tradeflow.klinefiles.KlineMerge;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Recorded kline files (data.binance.vision CSV or ZIP, read by the kline-files module as market-data-service's
 * replay reads them) as klines in market time, streamed: each pass reads the files again and holds one row per file,
 * however long they are. Klines come out as the replay publishes them (source REPLAY, happening at their close).
 *
 * <p>Stricter than the replay, which skips the odd malformed row: a backtest over a hole would trade as if the market
 * had stood still, so a malformed row stops the pass with its file and line. A kline given twice (a daily file beside
 * the monthly file of the same days) is read once; klines outside the days asked for are left out.
 */
public final class KlineFiles implements Klines {
    private final List<KlineFile> files;
    private final Optional<DateSpan> days;
    private final Function<Symbol, Market> markets;
    private final ChecksumFile.Verification checked;

    private KlineFiles(List<KlineFile> files, Optional<DateSpan> days, Function<Symbol, Market> markets,
                       ChecksumFile.Verification checked) {
        this.files = files;
        this.days = days;
        this.markets = markets;
        this.checked = checked;
    }

    /**
     * Checks the files' names and the checksum files beside them, before anything is read.
     *
     * @param days    the UTC days whose klines (by open time) are read; empty for every kline of the files
     * @param markets the market of each symbol's klines (USD-M unless a bot trades it on COIN-M)
     * @throws io.tradeflow.klinefiles.KlineFileException naming a file whose name tells no pair or that does not
     *                                                    match its checksum file
     */
    public static KlineFiles of(List<KlineFile> files, Optional<DateSpan> days, Function<Symbol, Market> markets) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no kline file to read");
        }
        return new KlineFiles(List.copyOf(files), days, markets, ChecksumFile.verifyAll(files));
    }

    public List<KlineFile> files() {
        return files;
    }

    /** The files checked against the {@code .CHECKSUM} beside them, and those without one. */
    public ChecksumFile.Verification checked() {
        return checked;
    }

    @Override
    public FilesPass open() {
        return new FilesPass(KlineMerge.open(files));
    }

    private static long[] noOpenTimes() {
        long[] last = new long[Interval.values().length];
        Arrays.fill(last, Long.MIN_VALUE);
        return last;
    }

    /** One pass over the files; says at its end how many klines it read and left out. */
    public final class FilesPass implements Pass {
        private final KlineMerge merge;
        /** Last open time handed out, per symbol and interval (by ordinal): a kline not after it is one seen already. */
        private final Map<Symbol, long[]> lastOpenTimes = new HashMap<>();
        private final long from = days.map(DateSpan::fromMillis).orElse(Long.MIN_VALUE);
        private final long until = days.map(DateSpan::untilMillis).orElse(Long.MAX_VALUE);
        private long read;
        private long outside;
        private long repeated;

        private FilesPass(KlineMerge merge) {
            this.merge = merge;
        }

        @Override
        public KlineClosed next() {
            for (CsvRow row = merge.next(); row != null; row = merge.next()) {
                switch (row) {
                    case CsvRow.Malformed bad -> throw new InputException("Kline file " + bad.location() + ": "
                            + bad.problem() + ". A backtest reads every row (a skipped one would be a hole in the "
                            + "market): fix the row, or download the file again from data.binance.vision.");
                    case CsvRow.Valid valid -> {
                        Kline kline = valid.kline();
                        if (kline.openTime() < from || kline.openTime() >= until) {
                            outside++;
                        } else if (seen(kline)) {
                            repeated++;
                        } else {
                            read++;
                            // As the replay publishes it: the kline happened, and is produced, at its close.
                            return KlineClosed.of(kline, KlineSource.REPLAY, markets.apply(kline.symbol()),
                                    kline.closeTime(), kline.closeTime());
                        }
                    }
                }
            }
            return null;
        }

        private boolean seen(Kline kline) {
            long[] last = lastOpenTimes.computeIfAbsent(kline.symbol(), symbol -> noOpenTimes());
            int index = kline.interval().ordinal();
            if (kline.openTime() <= last[index]) {
                return true;
            }
            last[index] = kline.openTime();
            return false;
        }

        @Override
        public double fractionRead() {
            return merge.fractionRead();
        }

        /** Klines handed out so far. */
        public long read() {
            return read;
        }

        /** Klines of the files outside the days asked for. */
        public long outside() {
            return outside;
        }

        /** Klines met again in another file (or again in time) and read once. */
        public long repeated() {
            return repeated;
        }

        @Override
        public void close() {
            merge.close();
        }
    }
}
