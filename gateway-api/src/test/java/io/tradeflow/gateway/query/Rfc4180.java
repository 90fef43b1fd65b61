package io.tradeflow.gateway.query;

import java.util.ArrayList;
import java.util.List;

/** A strict reader of RFC 4180 CSV for the tests: CRLF between records, quoted fields with doubled quotes. */
final class Rfc4180 {
    private Rfc4180() {
    }

    static List<List<String>> parse(String csv) {
        if (!csv.endsWith("\r\n")) {
            throw new IllegalArgumentException("the last record does not end with CRLF");
        }
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && csv.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else if (c == '"' || c == '\n' || c == '\r') {
                throw new IllegalArgumentException("unquoted " + (int) c + " at " + i);
            } else {
                field.append(c);
            }
        }
        return records;
    }
}
