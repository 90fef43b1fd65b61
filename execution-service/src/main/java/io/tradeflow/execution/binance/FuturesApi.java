package io.tradeflow.execution.binance;

import io.tradeflow.core.domain.Market;

/**
 * Where one Binance futures market's endpoints are and how its orders and user stream differ (Binance developer docs,
 * "USDⓈ-M Futures" and "COIN-M Futures"; BINANCE.md):
 * <ul>
 *   <li>USD-M: REST under {@code /fapi}; since 2025-12-09 stop-loss and take-profit are conditional orders on
 *       {@code /fapi/v1/algoOrder} (stop types on {@code /fapi/v1/order} get -4120); positions from
 *       {@code /fapi/v3/positionRisk?symbol=}; user stream {@code {base}/ws?listenKey=K&events=...} on the
 *       {@code /private} base (an allow-list of events).</li>
 *   <li>COIN-M: REST under {@code /dapi}; {@code /dapi/v1/order} takes STOP_MARKET and TAKE_PROFIT_MARKET itself, with
 *       {@code stopPrice}; positions from {@code /dapi/v1/positionRisk}, which filters by {@code pair}, not symbol;
 *       user stream {@code {base}/ws/<listenKey>}, every event.</li>
 * </ul>
 */
public enum FuturesApi {
    USD_M("/fapi", "/fapi/v3/positionRisk", true),
    COIN_M("/dapi", "/dapi/v1/positionRisk", false);

    private final String prefix;
    private final String positionRisk;
    private final boolean algoConditionals;

    FuturesApi(String prefix, String positionRisk, boolean algoConditionals) {
        this.prefix = prefix;
        this.positionRisk = positionRisk;
        this.algoConditionals = algoConditionals;
    }

    /** The API of {@code market}'s symbols. */
    public static FuturesApi of(Market market) {
        return market == Market.COIN_M ? COIN_M : USD_M;
    }

    /** The path of a version-1 endpoint: {@code v1("order")} is {@code /fapi/v1/order} or {@code /dapi/v1/order}. */
    public String v1(String endpoint) {
        return prefix + "/v1/" + endpoint;
    }

    /** The position endpoint ({@code /fapi/v3/positionRisk}, {@code /dapi/v1/positionRisk}). */
    public String positionRisk() {
        return positionRisk;
    }

    /** Whether stop-loss and take-profit go to the algo endpoint (USD-M) rather than the order endpoint (COIN-M). */
    public boolean algoConditionals() {
        return algoConditionals;
    }

    /** The market these endpoints trade. */
    public Market market() {
        return this == COIN_M ? Market.COIN_M : Market.USD_M;
    }
}
