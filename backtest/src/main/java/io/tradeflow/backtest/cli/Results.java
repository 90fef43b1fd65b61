package io.tradeflow.backtest.cli;

import io.tradeflow.backtest.BotRun;
import io.tradeflow.backtest.Klines;
import io.tradeflow.backtest.report.ReportFiles;
import io.tradeflow.backtest.report.ReportWriter;
import io.tradeflow.backtest.report.Summary;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.OrderStatus;
import io.tradeflow.core.event.KlineClosed;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The end of a run: the report's files (the report package's writer) and a few lines per bot on standard output. */
final class Results {
    private Results() {
    }

    static void write(List<BotRun> runs, Klines klines, Path out, PrintWriter stdout) {
        Map<Series, List<Kline>> bySeries = klinesOf(runs, klines);
        List<ReportFiles> written = new ReportWriter().writeAll(out, runs,
                run -> bySeries.getOrDefault(Series.of(run.bot()), List.of()));
        for (int i = 0; i < runs.size(); i++) {
            BotRun run = runs.get(i);
            Summary summary = Summary.of(run);
            stdout.println(run.bot().botId() + ": " + run.bot().strategy().type() + " on " + Series.of(run.bot()) + ", "
                    + Instant.ofEpochMilli(run.firstOpenTime()) + " to " + Instant.ofEpochMilli(run.lastCloseTime() + 1));
            stdout.println("  " + run.trades().size() + " trades, net PnL " + money(summary.netPnl(), run)
                    + " (fees " + money(summary.statistics().fees(), run) + "), equity " + money(run.startingBalance(), run)
                    + " -> " + money(summary.endEquity(), run) + ", max drawdown " + money(summary.maxDrawdown(), run));
            String refused = refusals(run);
            if (!refused.isEmpty()) {
                stdout.println("  orders refused by the pre-trade checks: " + refused);
            }
            stdout.println("  report: " + written.get(i).html());
        }
        stdout.flush();
    }

    /** Each bot's series' klines, for the report's candles: one more pass over the files, keeping those series only. */
    private static Map<Series, List<Kline>> klinesOf(List<BotRun> runs, Klines klines) {
        Set<Series> wanted = runs.stream().map(run -> Series.of(run.bot())).collect(Collectors.toSet());
        Map<Series, List<Kline>> bySeries = new HashMap<>();
        try (Klines.Pass pass = klines.open()) {
            for (KlineClosed kline = pass.next(); kline != null; kline = pass.next()) {
                Series series = new Series(kline.symbol(), kline.interval());
                if (wanted.contains(series)) {
                    bySeries.computeIfAbsent(series, s -> new ArrayList<>()).add(kline.kline());
                }
            }
        }
        return bySeries;
    }

    /**
     * The run's DENIED orders counted by reason code, most frequent first, e.g. {@code 60 notional-below-min};
     * empty when none was. Without it a run whose every entry was refused (a margin per trade below the
     * symbol's minimum notional) would only say "0 trades".
     */
    static String refusals(BotRun run) {
        Map<String, Long> byReason = run.orders().stream()
                .filter(order -> order.status() == OrderStatus.DENIED)
                .collect(Collectors.groupingBy(order -> String.valueOf(order.denyReason()), TreeMap::new,
                        Collectors.counting()));
        return byReason.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(entry -> entry.getValue() + " " + entry.getKey())
                .collect(Collectors.joining(", "));
    }

    private static String money(BigDecimal amount, BotRun run) {
        return amount.stripTrailingZeros().toPlainString() + " " + run.marginAsset();
    }
}
