package io.tradeflow.backtest.report;

import java.util.List;

/**
 * CSV as RFC 4180 writes it: fields separated by commas, lines ended by CRLF, a field holding a comma, a double quote,
 * CR or LF enclosed in double quotes with its quotes doubled. Shared by the report's and the sweep's files.
 */
public final class Csv {
    private static final String CRLF = "\r\n";

    private Csv() {
    }

    /** One field: as it is, or quoted when it holds a comma, a quote, CR or LF; null is empty. */
    public static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** Appends one line of {@code fields}. */
    public static void row(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            csv.append(i == 0 ? "" : ",").append(field(fields.get(i)));
        }
        csv.append(CRLF);
    }
}
