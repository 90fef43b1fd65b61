package io.tradeflow.backtest.report;

import io.tradeflow.backtest.BotRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tradeflow.backtest.report.CraftedRun.D1;
import static io.tradeflow.backtest.report.CraftedRun.dec;
import static org.assertj.core.api.Assertions.assertThat;

class TradesCsvTest {

    @Test
    void oneRowPerClosedTradeAfterAHeaderWithCrlf() {
        // CraftedRun's table: gross - fees = net; A's R = 100.00 / (0.100 x 500.00) = 2; held closedAt - openedAt
        assertThat(TradesCsv.of(CraftedRun.run())).isEqualTo(String.join("\r\n",
                "bot,positionId,symbol,direction,openedAt,closedAt,entryPrice,exitPrice,quantity,grossPnl,fees,"
                        + "netPnl,marginAsset,rMultiple,closeReason,holdingTime",
                "rsi-btc,pos-paper-BTCUSDT-A,BTCUSDT,LONG,2024-01-01T02:00:00.000Z,2024-01-01T15:00:00.000Z,"
                        + "40000.00,41020.00,0.100,102.00,2.00,100.00,USDT,2.00000000,TAKE_PROFIT,PT13H",
                "rsi-btc,pos-paper-BTCUSDT-B,BTCUSDT,SHORT,2024-01-02T03:00:00.000Z,2024-01-02T13:30:00.000Z,"
                        + "41000.00,41500.00,0.100,-50.00,5.00,-55.00,USDT,,STOP_LOSS,PT10H30M",
                "rsi-btc,pos-paper-BTCUSDT-C,BTCUSDT,LONG,2024-01-03T01:00:00.000Z,2024-01-03T09:00:00.000Z,"
                        + "42000.00,42485.00,0.200,97.00,2.50,94.50,USDT,,SIGNAL_EXIT,PT8H",
                "rsi-btc,pos-paper-BTCUSDT-D,BTCUSDT,LONG,2024-01-03T12:00:00.000Z,2024-01-03T18:30:00.000Z,"
                        + "42500.00,42530.00,0.100,3.00,3.00,0.00,USDT,,REVERSAL,PT6H30M",
                ""));
    }

    @Test
    void aRunWithoutTradesIsTheHeaderAlone() {
        BotRun run = new BotRun(CraftedRun.bot("rsi-btc"), dec("1000"), "USDT", List.of(), List.of(), List.of(), D1,
                D1 + 1);
        assertThat(TradesCsv.of(run)).isEqualTo(String.join(",", TradesCsv.HEADER) + "\r\n");
    }

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedAsRfc4180Says() {
        assertThat(Csv.field("plain-1.5")).isEqualTo("plain-1.5");
        assertThat(Csv.field("desk 1, \"fast\"")).isEqualTo("\"desk 1, \"\"fast\"\"\"");
        assertThat(Csv.field("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
        assertThat(Csv.field("cr\ronly")).isEqualTo("\"cr\ronly\"");
        // a bot id as the first field of a whole row
        assertThat(TradesCsv.of(CraftedRun.run("desk 1, \"fast\"")).split("\r\n")[1])
                .startsWith("\"desk 1, \"\"fast\"\"\",pos-paper-BTCUSDT-A,BTCUSDT,LONG,");
    }
}
