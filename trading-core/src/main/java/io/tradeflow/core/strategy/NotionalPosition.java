package io.tradeflow.core.strategy;

import io.tradeflow.core.domain.SignalAction;

/**
 * What a bot holds as far as its strategy knows: the result of the signals it sent. The strategy does not see
 * stop-loss or take-profit fills, so after one of those it still thinks it holds the position until its own exit
 * or reversing entry (see {@code docs/strategies.md}).
 */
public enum NotionalPosition {
    FLAT, LONG, SHORT;

    /** The position after a signal was sent; an entry against a position reverses it. */
    static NotionalPosition after(SignalAction sent) {
        return switch (sent) {
            case ENTER_LONG -> LONG;
            case ENTER_SHORT -> SHORT;
            case EXIT_LONG, EXIT_SHORT -> FLAT;
        };
    }
}
