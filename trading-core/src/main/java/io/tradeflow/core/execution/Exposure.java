package io.tradeflow.core.execution;

import io.tradeflow.core.domain.Symbol;

import java.math.BigDecimal;

/**
 * What all bots hold together, for the limits across bots. Notional is quantity x entry price (USD for COIN-M).
 * The paper venue answers from its own accounts; a service may answer from its database, where every instance's
 * bots are.
 */
public interface Exposure {

    int openPositions();

    BigDecimal openNotional(Symbol symbol);

    BigDecimal openNotional();
}
