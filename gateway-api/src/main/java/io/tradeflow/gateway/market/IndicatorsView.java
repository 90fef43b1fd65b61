package io.tradeflow.gateway.market;

import java.util.List;
import java.util.Map;

/**
 * A bot's strategy indicators over the cached klines of its series, as {@code GET /api/v1/bots/{botId}/indicators}
 * returns them.
 *
 * @param indicators every output name the strategy reads, canonical and sorted ({@code sma(20)}, {@code sma(5)}, and
 *                   for a Bollinger band its three: {@code bb(20,2).lower}, {@code .middle}, {@code .upper})
 * @param points     one per kline, oldest first
 */
public record IndicatorsView(String botId, String symbol, String interval, List<String> indicators,
        List<Point> points) {

    /**
     * The indicator values after one kline.
     *
     * @param openTime the kline's open time, epoch ms
     * @param values   by output name, plain decimal strings of at most 8 places as indicator-service's snapshot has
     *                 them ({@code "37012.3"}); an output still warming up is absent
     */
    public record Point(long openTime, Map<String, String> values) {
    }
}
