package io.tradeflow.indicator.domain;

import io.tradeflow.core.indicator.Indicators;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Parses a configured list of indicator names into their canonical spellings. */
public final class IndicatorNames {
    private IndicatorNames() {
    }

    /**
     * The canonical names in {@code list}, e.g. {@code "SMA(21), macd(12,26,9)"} gives {@code sma(21)} and
     * {@code macd(12,26,9)}: only commas outside parentheses separate names.
     *
     * @throws IllegalArgumentException naming {@code key}, the offending entry and what is allowed
     */
    public static Set<String> parse(String key, String list) {
        Set<String> names = new LinkedHashSet<>();
        for (String entry : split(list)) {
            if (entry.isBlank()) {
                throw new IllegalArgumentException(key + ": empty entry in '" + list + "'");
            }
            try {
                names.add(Indicators.canonical(entry));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": '" + entry.strip() + "' is not an indicator: " + e.getMessage(), e);
            }
        }
        return Set.copyOf(names);
    }

    private static List<String> split(String list) {
        List<String> entries = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                entries.add(list.substring(start, i));
                start = i + 1;
            }
        }
        entries.add(list.substring(start));
        return entries;
    }
}
