package io.tradeflow.backtest.report;

import io.tradeflow.backtest.BotRun;
import io.tradeflow.core.domain.Kline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Writes a backtest's report: per bot {@code trades.csv} ({@link TradesCsv}), {@code summary.json}
 * ({@link SummaryJson}), {@code statistics.json} ({@link StatisticsJson}) and {@code report.html} ({@link HtmlReport}),
 * UTF-8. One bot's files go into the folder given; several bots' each into a subfolder named after the bot id.
 * Existing files of those names are replaced.
 */
public final class ReportWriter {

    /** Characters kept in a folder name; any other becomes {@code _} ({@code a/b} would be two folders). */
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

    private final HtmlReport html;

    public ReportWriter() {
        this(new HtmlReport());
    }

    ReportWriter(HtmlReport html) {
        this.html = Objects.requireNonNull(html, "html");
    }

    /**
     * One bot's report, into {@code dir} (created if needed).
     *
     * @param klines its series' klines in open-time order, for the page's candles (from {@code KlineClosed}s:
     *               {@code events.stream().map(KlineClosed::kline).toList()})
     */
    public ReportFiles write(Path dir, BotRun run, List<Kline> klines) {
        Summary summary = Summary.of(run);
        try {
            Files.createDirectories(dir);
            ReportFiles files = new ReportFiles(dir.resolve("trades.csv"), dir.resolve("summary.json"),
                    dir.resolve("statistics.json"), dir.resolve("report.html"));
            Files.writeString(files.trades(), TradesCsv.of(run), StandardCharsets.UTF_8);
            Files.writeString(files.summary(), SummaryJson.of(summary), StandardCharsets.UTF_8);
            Files.writeString(files.statistics(), StatisticsJson.of(run, summary), StandardCharsets.UTF_8);
            Files.writeString(files.html(), html.of(run, summary, klines), StandardCharsets.UTF_8);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report of bot " + run.bot().botId() + " into " + dir
                    + " (" + e.getMessage() + "); check that the folder is writable and the disk not full", e);
        }
    }

    /**
     * Several bots' reports: one alone straight into {@code dir}, as {@link #write(Path, BotRun, List)}; two or more
     * each into {@code dir/<botId>} (characters other than {@code A-Z a-z 0-9 . _ -} as {@code _}).
     *
     * @param klines the klines of a bot's series, in open-time order
     * @return the files, in the order of {@code runs}
     * @throws IllegalArgumentException when two bots would share a folder
     */
    public List<ReportFiles> writeAll(Path dir, List<BotRun> runs, Function<BotRun, List<Kline>> klines) {
        if (runs.size() == 1) {
            return List.of(write(dir, runs.getFirst(), klines.apply(runs.getFirst())));
        }
        Set<String> folders = new HashSet<>();
        for (BotRun run : runs) {
            if (!folders.add(folder(run.bot().botId()))) {
                throw new IllegalArgumentException("two bots would write into the folder " + folder(run.bot().botId())
                        + "; give the bots distinct ids");
            }
        }
        List<ReportFiles> written = new ArrayList<>();
        for (BotRun run : runs) {
            written.add(write(dir.resolve(folder(run.bot().botId())), run, klines.apply(run)));
        }
        return written;
    }

    /** The folder name of a bot's report: its id with unsafe characters as {@code _}. */
    static String folder(String botId) {
        String name = UNSAFE.matcher(botId).replaceAll("_");
        return name.equals(".") || name.equals("..") ? name.replace('.', '_') : name;
    }
}
