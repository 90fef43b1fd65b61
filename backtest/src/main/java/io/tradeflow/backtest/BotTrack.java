package io.tradeflow.backtest;

import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.execution.PaperAccount;
import io.tradeflow.core.strategy.BotStrategy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One bot in one run: its strategy and state, and what it did so far. Not thread-safe: the run's thread only. */
final class BotTrack {
    final BotDefinition bot;
    final BotStrategy strategy;
    private final BigDecimal startingBalance;
    private final String marginAsset;
    private final List<OrderUpdated> orders = new ArrayList<>();
    private final TradeBook trades = new TradeBook();
    private final EquityCurve.Builder equity = new EquityCurve.Builder();
    private long firstOpenTime;
    private long lastCloseTime;

    BotTrack(BotDefinition bot, BigDecimal startingBalance, String marginAsset) {
        this.bot = bot;
        this.strategy = BotStrategy.of(bot);
        this.startingBalance = startingBalance;
        this.marginAsset = marginAsset;
    }

    void ordered(List<OrderUpdated> events) {
        for (OrderUpdated event : events) {
            ordered(event);
        }
    }

    void ordered(OrderUpdated event) {
        orders.add(event);
        trades.add(event);
    }

    /** The bot's equity at the kline's close: its wallet, plus its open position marked to the close. */
    void marked(KlineClosed kline, Optional<PaperAccount> account) {
        if (firstOpenTime == 0) {
            firstOpenTime = kline.openTime();
        }
        lastCloseTime = kline.closeTime();
        if (account.isEmpty()) {
            equity.add(kline.closeTime(), startingBalance, false);
            return;
        }
        PaperAccount a = account.get();
        BigDecimal value = a.flat() ? a.balance() : a.balance().add(a.position().unrealizedPnl(kline.close()));
        equity.add(kline.closeTime(), value, !a.flat());
    }

    BotRun result() {
        return new BotRun(bot, startingBalance, marginAsset, orders, trades.closed(), equity.build(), firstOpenTime,
                lastCloseTime);
    }
}
