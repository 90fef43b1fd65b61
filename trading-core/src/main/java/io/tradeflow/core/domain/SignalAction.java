package io.tradeflow.core.domain;

/** What a strategy tells a bot to do. */
public enum SignalAction {
    ENTER_LONG(Direction.LONG, true),
    ENTER_SHORT(Direction.SHORT, true),
    EXIT_LONG(Direction.LONG, false),
    EXIT_SHORT(Direction.SHORT, false);

    private final Direction direction;
    private final boolean entry;

    SignalAction(Direction direction, boolean entry) {
        this.direction = direction;
        this.entry = entry;
    }

    public boolean isEntry() {
        return entry;
    }

    public boolean isExit() {
        return !entry;
    }

    /** The direction of the position entered or exited. */
    public Direction direction() {
        return direction;
    }
}
