package io.tradeflow.backtest.report;

import io.tradeflow.backtest.BotRun;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class StatisticsJsonTest {

    @Test
    void theGatewaysStatisticsOfTheCraftedRun() {
        // closed trades' cumulative net PnL: 100.00, 45.00, 139.50, 139.50: max drawdown 55.00, now 0.00 below peak;
        // "today" is the run's last UTC day, 2024-01-03: C 94.50 + D 0.00
        BotRun run = CraftedRun.run();
        assertThat(StatisticsJson.of(run, Summary.of(run))).isEqualTo("""
                [
                  {
                    "botId" : "rsi-btc",
                    "marginAsset" : "USDT",
                    "positions" : 4,
                    "wins" : 2,
                    "losses" : 1,
                    "winRate" : "0.5000",
                    "netPnl" : "139.50",
                    "todayNetPnl" : "94.50",
                    "grossProfit" : "194.50",
                    "grossLoss" : "55.00",
                    "fees" : "12.50",
                    "maxDrawdown" : "55.00",
                    "drawdown" : "0.00",
                    "profitFactor" : "3.53636364",
                    "expectancy" : "34.87500000",
                    "averageR" : "2.00000000"
                  }
                ]
                """);
    }

    /**
     * The same fields, in the same order, as position-service's {@code Views.StatisticsView} (what gateway-api serves
     * and the dashboard reads): read from its source in this repository, so that a field added there and not here
     * fails this test.
     */
    @Test
    void theFieldsAreThoseOfPositionServicesStatisticsView() throws IOException {
        String views = Files.readString(Path.of("../position-service/src/main/java/io/tradeflow/position/rest/Views.java"));
        Matcher record = Pattern.compile("record StatisticsView\\(([^)]*)\\)").matcher(views);
        assertThat(record.find()).as("record StatisticsView in Views.java").isTrue();
        List<String> theirs = Arrays.stream(record.group(1).split(","))
                .map(component -> component.trim().replaceAll(".*\\s", "")).toList();
        List<String> ours = Arrays.stream(StatisticsJson.View.class.getRecordComponents())
                .map(RecordComponent::getName).toList();
        assertThat(ours).isEqualTo(theirs);
    }
}
