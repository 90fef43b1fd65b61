package io.tradeflow.core.execution;

import io.tradeflow.core.order.DenyReason;

import java.util.Objects;

/**
 * A bot's kill switch tripped: new entries are denied ({@code halted}) until an explicit resume. Exits still run.
 *
 * @param reason {@link DenyReason#DAILY_LOSS_LIMIT} or {@link DenyReason#MAX_DRAWDOWN}
 * @param detail the numbers that tripped it
 * @param at     epoch ms (market time of the signal that found the breach)
 */
public record Halt(String botId, DenyReason reason, String detail, long at) {

    public Halt {
        Objects.requireNonNull(botId, "botId");
        if (reason == null || !reason.halts()) {
            throw new IllegalArgumentException("a halt's reason is daily-loss-limit or max-drawdown, not " + reason);
        }
        Objects.requireNonNull(detail, "detail");
    }
}
