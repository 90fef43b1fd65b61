package io.tradeflow.backtest;

import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.position.TrackedPosition;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What one bot did over a backtest, in market time: the shape the summary, the report and a sweep's ranking read.
 *
 * @param bot             the bot as run (strategy and parameters)
 * @param startingBalance its paper wallet at the start, in {@code marginAsset}
 * @param marginAsset     the asset balances, PnL and fees are in (USDT for a USD-M bot)
 * @param orders          every order event the paper venue produced, in the order produced
 * @param trades          the positions it closed, in the order they closed, booked by trading-core's PositionBook
 *                        as position-service books them
 * @param equity          one point per kline of its pair, at the kline's close (an {@link EquityCurve} from a run)
 * @param firstOpenTime   open time of its first kline, epoch ms
 * @param lastCloseTime   close time of its last kline, epoch ms
 */
public record BotRun(BotDefinition bot, BigDecimal startingBalance, String marginAsset, List<OrderUpdated> orders,
                     List<TrackedPosition> trades, List<EquityPoint> equity, long firstOpenTime, long lastCloseTime) {
    public BotRun {
        Objects.requireNonNull(bot, "bot");
        Objects.requireNonNull(startingBalance, "startingBalance");
        Objects.requireNonNull(marginAsset, "marginAsset");
        orders = List.copyOf(orders);
        trades = List.copyOf(trades);
        equity = equity instanceof EquityCurve curve ? curve : List.copyOf(equity);
    }
}
