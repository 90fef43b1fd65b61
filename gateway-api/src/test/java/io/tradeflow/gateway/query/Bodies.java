package io.tradeflow.gateway.query;

/**
 * What position-service and execution-service answer, for the fake that plays them: the shapes of position-service's
 * {@code rest.Views} records (Page, Position, Trade, StatisticsView, EquityPoint), execution-service's
 * {@code rest.OrderView} and {@code BotResource}'s halt, with values of the recorded paper day.
 */
final class Bodies {
    private Bodies() {
    }

    static final String POSITIONS = """
            {"page":1,"size":1,"total":2,"items":[\
            {"positionId":"pos-paper-BTCUSDT-tf-362da4596abd439568d5d88ec712-E-1",\
            "botId":"btc-paper","symbol":"BTCUSDT","venue":"PAPER","direction":"LONG","status":"OPEN","sequence":1,\
            "quantity":"0.028","closedQuantity":"0","entryPrice":"35567.20","exitPrice":null,"markPrice":"35600.00",\
            "unrealizedPnl":"0.91840","realizedPnl":"0","marginAsset":"USDT","fees":"0.49794080","otherFees":null,\
            "convertedFees":"0","unconvertedFees":null,"netRealizedPnl":"-0.49794080","initialStop":"35300.0",\
            "rMultiple":null,"closeReason":null,"signalId":"btc-paper-BTCUSDT-1m-1700006400000",\
            "openedAt":1700006460140,"closedAt":null}]}""";

    /** Three fills, newest first; the last one's signalId holds a comma and quotes, to be quoted in CSV. */
    static final String TRADES = """
            {"page":0,"size":3,"total":3,"items":[\
            {"venue":"PAPER","clientOrderId":"tf-362da4596abd439568d5d88ec712-TP",\
            "tradeId":"tf-362da4596abd439568d5d88ec712-TP-1",\
            "positionId":"pos-paper-BTCUSDT-tf-362da4596abd439568d5d88ec712-E-1","nextPositionId":null,\
            "botId":"btc-paper","symbol":"BTCUSDT","signalId":"btc-paper-BTCUSDT-1m-1700006400000",\
            "role":"TAKE_PROFIT","side":"SELL","quantity":"0.028","price":"35700.00","fee":"0.49980000",\
            "feeAsset":"USDT","feePrice":null,"realizedPnl":"3.71840","time":1700010000000},\
            {"venue":"PAPER","clientOrderId":"tf-362da4596abd439568d5d88ec712-E",\
            "tradeId":"tf-362da4596abd439568d5d88ec712-E-1",\
            "positionId":"pos-paper-BTCUSDT-tf-362da4596abd439568d5d88ec712-E-1","nextPositionId":null,\
            "botId":"btc-paper","symbol":"BTCUSDT","signalId":"btc-paper-BTCUSDT-1m-1700006400000",\
            "role":"ENTRY","side":"BUY","quantity":"0.028","price":"35567.20","fee":"0.49794080",\
            "feeAsset":"USDT","feePrice":null,"realizedPnl":null,"time":1700006460140},\
            {"venue":"PAPER","clientOrderId":"tf-0b1c2d3e4f5a6b7c8d9e0f1a2b3c-X","tradeId":"77",\
            "positionId":"pos-paper-BTCUSDT-76","nextPositionId":"pos-paper-BTCUSDT-77","botId":"btc-paper",\
            "symbol":"BTCUSDT","signalId":"manual, \\"reversal\\"","role":"EXIT","side":"SELL",\
            "quantity":"0.0100","price":"35001.1","fee":"0.000238","feeAsset":"BNB","feePrice":"600.0",\
            "realizedPnl":"-1.00000000","time":1700000000000}]}""";

    static final String STATISTICS = """
            [{"botId":"btc-paper","marginAsset":"USDT","positions":1,"wins":1,"losses":0,"winRate":"1.0000",\
            "netPnl":"2.93820016","todayNetPnl":"0","grossProfit":"2.93820016","grossLoss":"0","fees":"0.79819984",\
            "maxDrawdown":"0","drawdown":"0","profitFactor":null,"expectancy":"2.93820016","averageR":"0.0110"}]""";

    static final String EQUITY = """
            [{"positionId":"pos-paper-BTCUSDT-tf-362da4596abd439568d5d88ec712-E-1","botId":"btc-paper",\
            "marginAsset":"USDT","time":1700010000000,"netRealizedPnl":"2.93820016","equity":"2.93820016",\
            "drawdown":"0"}]""";

    static final String ORDERS = """
            {"limit":2,"offset":0,"total":5,"items":[{"clientOrderId":"tf-362da4596abd439568d5d88ec712-TP",\
            "botId":"btc-paper","signalId":"btc-paper-BTCUSDT-1m-1700006400000","symbol":"BTCUSDT","venue":"PAPER",\
            "role":"TAKE_PROFIT","side":"SELL","type":"TAKE_PROFIT_MARKET","quantity":"0.028","triggerPrice":"35700.0",\
            "reduceOnly":true,"status":"FILLED","filledQuantity":"0.028","averagePrice":"35700.00","denyReason":null,\
            "rejectReason":null,"eventTime":1700010000000,"createdAt":1765000000000,"updatedAt":1765000003000}]}""";

    static final String HALT = """
            {"botId":"btc-paper","reason":"daily-loss-limit","detail":"lost 5.2 % today","haltedAt":1700010000000}""";

    static String problem(int status, String title, String detail, String field) {
        return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail
                + "\"" + (field == null ? "" : ",\"field\":\"" + field + "\"") + "}";
    }
}
