package io.tradeflow.marketdata.replay;

import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.klinefiles.ChecksumFile;
import io.tradeflow.klinefiles.CsvRow;
import io.tradeflow.klinefiles.FileTally;
import io.tradeflow.klinefiles.KlineFile;
import io.tradeflow.klinefiles.KlineMerge;
import io.tradeflow.marketdata.domain.KlineSink;
import io.tradeflow.marketdata.metrics.MarketDataMetrics;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One run over recorded kline files: rows in time order into the {@link KlineSink}, at the configured speed, with
 * progress in the log every few seconds and in metrics. Blocking, for a thread of its own; {@link #stop()} ends it
 * from another thread.
 *
 * <p>Each file is judged once its last row is handed over ({@link MalformedRowLimits}): a file that yielded no kline
 * or too many malformed rows fails the replay at once, before any later row, so that no newer kline of its pair is
 * published and the file can be fixed and replayed.
 */
public final class Replay {
    private static final Logger LOG = Logger.getLogger(Replay.class);
    /** Past this many, malformed rows are counted but not each logged: a wrong file would otherwise flood the log. */
    static final int MALFORMED_ROWS_LOGGED = 100;
    private static final int PROGRESS_GAUGE_EVERY_ROWS = 1024;

    private final KlineMerge rows;
    private final ReplaySpeed speed;
    private final MalformedRowLimits limits;
    private final KlineSink sink;
    private final MarketDataMetrics metrics;
    private final Pacer pacer;
    private final long progressEveryNanos;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile boolean stopRequested;

    private long read;
    private long published;
    private long duplicates;
    private long malformed;

    public Replay(KlineMerge rows, ReplaySpeed speed, MalformedRowLimits limits, KlineSink sink, MarketDataMetrics metrics,
                  Duration progressEvery) {
        this.rows = rows;
        this.speed = speed;
        this.limits = limits;
        this.sink = sink;
        this.metrics = metrics;
        this.progressEveryNanos = progressEvery.toNanos();
        // Waiting on the latch rather than sleeping lets stop() end a long wait (a minute per row at speed 1)
        // without interrupting the thread, which could also interrupt a Kafka send in progress.
        this.pacer = new Pacer(speed, System::nanoTime, nanos -> stopSignal.await(nanos, TimeUnit.NANOSECONDS));
    }

    /**
     * Opens every file (failing here, before anything is published, when one is badly named, missing, unreadable
     * or does not match the {@code .CHECKSUM} file beside it) and merges them. The files are read by the
     * {@code kline-files} module, which the backtest reads them with too.
     *
     * @throws ReplayException when no file is named
     * @throws io.tradeflow.klinefiles.KlineFileException naming the file that cannot be used
     */
    public static KlineMerge openAll(List<Path> files) {
        if (files.isEmpty()) {
            throw new ReplayException("tradeflow.market-data.replay.files names no file to replay");
        }
        List<KlineFile> parsed = files.stream().map(KlineFile::of).toList();
        ChecksumFile.Verification checked = ChecksumFile.verifyAll(parsed);
        checked.verified().forEach(file -> LOG.infof("%s matches its SHA-256 checksum in %s", file,
                ChecksumFile.besides(file).getFileName()));
        if (!checked.unverified().isEmpty()) {
            LOG.infof("Replaying without a checksum to check (no %s file beside them): %s", ChecksumFile.SUFFIX,
                    checked.unverified());
        }
        return KlineMerge.open(parsed);
    }

    /** Asks a running replay to end; it returns from {@link #run()} before the next row. */
    public void stop() {
        stopRequested = true;
        stopSignal.countDown();
    }

    /** Replays every row, or until stopped or failed; closes the files. */
    public ReplaySummary run() {
        long started = System.nanoTime();
        long lastLogNanos = started;
        long rowsAtLastLog = 0;
        ReplaySummary.End end = ReplaySummary.End.COMPLETED;
        String detail = null;
        try (rows) {
            CsvRow row;
            while ((row = rows.next()) != null) {
                String refusal = refusedFile();
                if (refusal != null) {
                    end = ReplaySummary.End.FAILED;
                    detail = refusal;
                    break;
                }
                if (row instanceof CsvRow.Valid valid) {
                    pacer.awaitTurn(valid.kline().openTime());
                }
                if (stopRequested) {
                    end = ReplaySummary.End.STOPPED;
                    detail = "stopped before " + row.location();
                    break;
                }
                read++;
                metrics.replayRowsRead();
                switch (row) {
                    case CsvRow.Valid valid -> publish(valid.kline());
                    case CsvRow.Malformed bad -> {
                        malformed++;
                        metrics.replayMalformedRow();
                        if (!limits.skip()) {
                            end = ReplaySummary.End.FAILED;
                            detail = "malformed row at " + bad + " (tradeflow.market-data.replay.skip-malformed=false)";
                        } else {
                            reportSkipped(bad);
                        }
                    }
                }
                if (end == ReplaySummary.End.FAILED) {
                    break;
                }
                if (read % PROGRESS_GAUGE_EVERY_ROWS == 0) {
                    metrics.replayProgress(rows.fractionRead());
                }
                long now = System.nanoTime();
                if (now - lastLogNanos >= progressEveryNanos) {
                    logProgress(read - rowsAtLastLog, now - lastLogNanos);
                    lastLogNanos = now;
                    rowsAtLastLog = read;
                }
            }
            if (end == ReplaySummary.End.COMPLETED) {
                detail = refusedFile();
                end = detail == null ? end : ReplaySummary.End.FAILED;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end = ReplaySummary.End.STOPPED;
            detail = "interrupted";
        } catch (RuntimeException e) {
            end = ReplaySummary.End.FAILED;
            detail = e.getMessage();
            LOG.error("Replay failed", e);
        }
        metrics.replayProgress(end == ReplaySummary.End.COMPLETED ? 1.0 : rows.fractionRead());
        ReplaySummary summary = new ReplaySummary(end, read, published, duplicates, malformed,
                Duration.ofNanos(System.nanoTime() - started), detail);
        switch (end) {
            case COMPLETED -> LOG.infof("Replay completed: %s", summary);
            case STOPPED -> LOG.warnf("Replay stopped: %s", summary);
            case FAILED -> LOG.errorf("Replay failed: %s", summary);
        }
        return summary;
    }

    /** Why a file that has ended is refused, or null when every ended file passes. */
    private String refusedFile() {
        for (FileTally file = rows.pollFinished(); file != null; file = rows.pollFinished()) {
            String refusal = limits.refusal(file);
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }

    private void publish(Kline kline) {
        metrics.klineReceived(KlineSource.REPLAY, kline.interval());
        // A recorded kline's event happened when it closed.
        switch (sink.accept(kline, KlineSource.REPLAY, kline.closeTime())) {
            case PUBLISHED -> published++;
            case DUPLICATE -> duplicates++;
        }
    }

    private void reportSkipped(CsvRow.Malformed bad) {
        if (malformed <= MALFORMED_ROWS_LOGGED) {
            LOG.warnf("Skipping malformed row at %s%s", bad,
                    malformed == MALFORMED_ROWS_LOGGED ? " (further malformed rows are counted, not logged)" : "");
        }
    }

    private void logProgress(long rowsSinceLast, long nanosSinceLast) {
        LOG.info(String.format(Locale.ROOT, "Replay at %.1f%%: %d rows (%.0f rows/s), %d published, %d duplicates skipped, %d malformed, speed %s",
                rows.fractionRead() * 100, read, rowsSinceLast / (nanosSinceLast / 1e9), published, duplicates, malformed, speed));
    }
}
