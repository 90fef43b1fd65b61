package io.tradeflow.core.position;

import io.tradeflow.core.domain.Side;
import java.math.BigDecimal;

/** Fills and decimals for the position tests. */
final class Fixtures {

    /** 2023-11-15 00:01:00.140 UTC, the first fill of every scenario. */
    static final long T0 = 1_700_006_460_140L;

    private Fixtures() {
    }

    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    static Fill buy(String quantity, String price, String fee, String feeAsset, long time) {
        return new Fill(Side.BUY, dec(quantity), dec(price), dec(fee), feeAsset, time, "t-" + time);
    }

    static Fill sell(String quantity, String price, String fee, String feeAsset, long time) {
        return new Fill(Side.SELL, dec(quantity), dec(price), dec(fee), feeAsset, time, "t-" + time);
    }
}
