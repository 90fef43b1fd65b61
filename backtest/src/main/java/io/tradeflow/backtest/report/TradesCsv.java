package io.tradeflow.backtest.report;

import io.tradeflow.backtest.BotRun;
import io.tradeflow.core.position.Position;
import io.tradeflow.core.position.TrackedPosition;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * {@code trades.csv}: one row per closed trade, in the order they closed, after a header row. RFC 4180: fields
 * separated by commas, lines ended by CRLF, a field holding a comma, a double quote, CR or LF enclosed in double quotes
 * with its quotes doubled.
 *
 * <p>Decimals are plain strings as computed ({@code 41020.5}, never {@code 4.10205E+4}); times ISO-8601 UTC with
 * milliseconds; the holding time an ISO-8601 duration ({@code PT10H30M}); an unknown value (R multiple without a known
 * stop) is an empty field. Amounts are in {@code marginAsset}: {@code grossPnl} the realized PnL before fees,
 * {@code fees} those known in the margin asset (charged in it, or converted at the fill's price), {@code netPnl} the
 * difference ({@link TrackedPosition#netRealizedPnl()}). {@code quantity} is the closed quantity (base asset, or
 * contracts for COIN-M).
 */
public final class TradesCsv {

    static final List<String> HEADER = List.of("bot", "positionId", "symbol", "direction", "openedAt", "closedAt",
            "entryPrice", "exitPrice", "quantity", "grossPnl", "fees", "netPnl", "marginAsset", "rMultiple",
            "closeReason", "holdingTime");

    private TradesCsv() {
    }

    /** The whole file's text. */
    public static String of(BotRun run) {
        StringBuilder csv = new StringBuilder();
        Csv.row(csv, HEADER);
        for (TrackedPosition trade : run.trades()) {
            Duration held = Summary.holdingTime(trade);
            Position p = trade.position();
            Csv.row(csv, List.of(trade.botId(), trade.positionId(), p.symbol().value(), p.direction().name(),
                    Formats.isoUtc(p.openedAt()), Formats.isoUtc(p.closedAt()),
                    p.entryPrice().toPlainString(), p.exitPrice().toPlainString(), p.closedQuantity().toPlainString(),
                    p.realizedPnl().toPlainString(), trade.knownFees().toPlainString(),
                    trade.netRealizedPnl().toPlainString(), p.marginAsset(),
                    trade.rMultiple().map(BigDecimal::toPlainString).orElse(""), trade.closeReason().name(),
                    held.toString()));
        }
        return csv.toString();
    }
}
