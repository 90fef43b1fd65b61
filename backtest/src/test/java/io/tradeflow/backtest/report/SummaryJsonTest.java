package io.tradeflow.backtest.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryJsonTest {

    @Test
    void everyMeasureOfTheCraftedRun() {
        // the values of SummaryTest; Sharpe sqrt(365 / 3) = 11.03026, Sortino sqrt(1095) = 33.09078, to 4 places
        assertThat(SummaryJson.of(Summary.of(CraftedRun.run()))).isEqualTo("""
                {
                  "botId" : "rsi-btc",
                  "name" : "RSI <reversion>, \\"BTC\\"",
                  "symbol" : "BTCUSDT",
                  "interval" : "6h",
                  "strategy" : "rsi-reversion",
                  "params" : {
                    "oversold" : "30",
                    "period" : "14"
                  },
                  "marginAsset" : "USDT",
                  "from" : 1704067200000,
                  "to" : 1704326399999,
                  "startingBalance" : "1000.00",
                  "endEquity" : "1149.50",
                  "netPnl" : "139.50",
                  "netReturn" : "0.13950000",
                  "equityReturn" : "0.14950000",
                  "trades" : 4,
                  "wins" : 2,
                  "losses" : 1,
                  "winRate" : "0.5000",
                  "grossProfit" : "194.50",
                  "grossLoss" : "55.00",
                  "fees" : "12.50",
                  "profitFactor" : "3.53636364",
                  "expectancy" : "34.87500000",
                  "averageR" : "2.00000000",
                  "maxDrawdown" : "75.00",
                  "maxDrawdownFraction" : "0.07000000",
                  "days" : 3,
                  "sharpe" : "11.0303",
                  "sortino" : "33.0908",
                  "exposure" : "0.5833",
                  "averageHoldingTime" : "PT9H30M"
                }
                """);
    }

    @Test
    void whatCannotBeComputedIsNull() {
        String json = SummaryJson.of(Summary.of(SummaryEdgeCasesTest.run("1000.00", List.of(), List.of())));
        assertThat(json).contains("\"winRate\" : null", "\"profitFactor\" : null", "\"expectancy\" : null",
                "\"averageR\" : null", "\"sharpe\" : null", "\"sortino\" : null", "\"exposure\" : null",
                "\"averageHoldingTime\" : null", "\"netReturn\" : \"0.00000000\"", "\"maxDrawdown\" : \"0\"")
                .doesNotContain("NaN", "Infinity");
    }
}
