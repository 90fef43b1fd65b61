package io.tradeflow.execution.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.order.SymbolRules;
import io.tradeflow.exchangeinfo.BinanceExchangeInfo;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Binance's documented USD-M exchangeInfo example (this module's {@code binance/} payloads, which the fake Binance
 * serves too) read by the shared parser; the parser's own cases are in exchange-info's {@code BinanceExchangeInfoTest}.
 */
class OfficialExchangeInfoSampleTest {

    @Test
    void officialDocsSample() throws Exception {
        BinanceExchangeInfo info = BinanceExchangeInfo.parse(Payloads.officialDocsSample(), Market.USD_M, "docs");

        assertThat(info.serverTime()).isEqualTo(Instant.ofEpochMilli(1565613908500L));
        assertThat(info.rejected()).isEmpty();
        SymbolRules blz = info.rules().get(Symbol.of("BLZUSDT"));
        assertThat(blz.market()).isEqualTo(Market.USD_M);
        assertThat(blz.baseAsset()).isEqualTo("BLZ");
        assertThat(blz.quoteAsset()).isEqualTo("USDT");
        assertThat(blz.marginAsset()).isEqualTo("USDT");
        assertThat(blz.tickSize().toPlainString()).isEqualTo("0.0001");
        assertThat(blz.minPrice().toPlainString()).isEqualTo("0.0001");
        assertThat(blz.maxPrice().toPlainString()).isEqualTo("300");
        assertThat(blz.stepSize().toPlainString()).isEqualTo("1");
        assertThat(blz.maxQuantity().toPlainString()).isEqualTo("10000000");
        assertThat(blz.marketMaxQuantity().toPlainString()).isEqualTo("590119");
        assertThat(blz.minNotional().toPlainString()).isEqualTo("5.0");
        assertThat(blz.contractSize()).isEqualByComparingTo("1");
    }
}
