package io.tradeflow.backtest.input;

/** The bots file text of {@link BotsFileTest}, for the command's tests in another package. */
public final class BotsFileTestAccess {
    public static final String DEMO = BotsFileTest.DEMO;

    private BotsFileTestAccess() {
    }
}
