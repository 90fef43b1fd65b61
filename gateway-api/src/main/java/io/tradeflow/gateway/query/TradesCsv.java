package io.tradeflow.gateway.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A page of trades (position-service's JSON) as CSV, RFC 4180: a header row, then one row per trade in the page's
 * order, lines ending CRLF, a field quoted (and its quotes doubled) when it holds a comma, a quote, CR or LF. The
 * columns are position-service's {@code Views.Trade} fields in their order; each value is the JSON's text as it came,
 * so money stays the exact decimal string ({@code "35567.20"}), times epoch ms, and an absent value is empty.
 */
final class TradesCsv {
    static final List<String> COLUMNS = List.of("venue", "clientOrderId", "tradeId", "positionId", "nextPositionId",
            "botId", "symbol", "signalId", "role", "side", "quantity", "price", "fee", "feeAsset", "feePrice",
            "realizedPnl", "time");

    private TradesCsv() {
    }

    static String of(JsonNode page) {
        StringBuilder csv = new StringBuilder();
        row(csv, COLUMNS);
        for (JsonNode trade : page.path("items")) {
            row(csv, COLUMNS.stream().map(column -> text(trade.get(column))).toList());
        }
        return csv.toString();
    }

    private static void row(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            csv.append(i == 0 ? "" : ",").append(quoted(fields.get(i)));
        }
        csv.append("\r\n");
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        // Decimals arrive as strings; a number (a time) is written as it was read (the mapper keeps big decimals).
        return value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText();
    }

    static String quoted(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\r') < 0 && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
