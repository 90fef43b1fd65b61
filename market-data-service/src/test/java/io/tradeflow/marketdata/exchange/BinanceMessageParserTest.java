package io.tradeflow.marketdata.exchange;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;

import static io.tradeflow.marketdata.exchange.BinanceTestServer.resourceText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinanceMessageParserTest {
    private static final String REAL_15M = resourceText("usdm_ws_combined_stream_kline_15m.real_capture.json");

    @Test
    void readsTheRealCaptureOfAnOpenKlineWithDecimalsExactlyAsSent() throws Exception {
        var message = (BinanceKlineMessage) BinanceMessageParser.parseStreamMessage(REAL_15M);

        assertThat(message.closed()).isFalse();
        assertThat(message.eventTime()).isEqualTo(1654797104663L);
        assertThat(message.pair().symbol()).isEqualTo(new Symbol("BTCUSDT"));
        assertThat(message.interval()).isEqualTo(Interval.FIFTEEN_MINUTES);
        assertThat(message.openTime()).isEqualTo(1654796700000L);
        assertThat(message.closeTime()).isEqualTo(1654797599999L);
        // Scale kept: "30205.60" stays 30205.60, not 30205.6.
        assertThat(message.open()).isEqualTo(new BigDecimal("30205.60"));
        assertThat(message.high()).isEqualTo(new BigDecimal("30281.00"));
        assertThat(message.low()).isEqualTo(new BigDecimal("30192.10"));
        assertThat(message.close()).isEqualTo(new BigDecimal("30280.40"));
        assertThat(message.volume()).isEqualTo(new BigDecimal("955.412"));
        assertThat(message.quoteVolume()).isEqualTo(new BigDecimal("28893669.27360"));
        assertThat(message.trades()).isEqualTo(10490);
    }

    @Test
    void aClosedKlineBecomesTheNeutralKline() throws Exception {
        String closed = REAL_15M.replace("\"x\": false", "\"x\": true");

        var message = (BinanceKlineMessage) BinanceMessageParser.parseStreamMessage(closed);

        assertThat(message.closed()).isTrue();
        assertThat(message.toKline()).isEqualTo(new Kline(new Symbol("BTCUSDT"), Interval.FIFTEEN_MINUTES,
                1654796700000L, 1654797599999L, new BigDecimal("30205.60"), new BigDecimal("30281.00"),
                new BigDecimal("30192.10"), new BigDecimal("30280.40"), new BigDecimal("955.412"),
                new BigDecimal("28893669.27360"), 10490));
    }

    @Test
    void readsTheCombinedFormOfTheOfficialSample() throws Exception {
        var message = (BinanceKlineMessage) BinanceMessageParser.parseStreamMessage(
                resourceText("usdm_ws_combined_stream_kline_1m.constructed_from_docs.json"));

        assertThat(message.interval()).isEqualTo(Interval.ONE_MINUTE);
        assertThat(message.openTime()).isEqualTo(1638747660000L);
        assertThat(message.closeTime()).isEqualTo(1638747719999L);
        assertThat(message.close()).isEqualTo(new BigDecimal("0.0020"));
    }

    @Test
    void readsTheRawEventOfTheOfficialDocsButItsPlaceholderPricesAreNoKline() throws Exception {
        var message = (BinanceKlineMessage) BinanceMessageParser.parseStreamMessage(
                resourceText("usdm_ws_kline_event.official_docs.json"));

        assertThat(message.closed()).isFalse();
        assertThat(message.open()).isEqualTo(new BigDecimal("0.0010"));
        assertThat(message.low()).isEqualTo(new BigDecimal("0.0015"));
        // The docs' example opens below its own low: were it closed, it would be counted malformed, not published.
        assertThatThrownBy(message::toKline).isInstanceOf(MalformedMessageException.class).hasMessageContaining("open 0.0010");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{not json",
            "",
            "[1,2,3]",
            "{\"stream\":\"btcusdt@kline_1m\"}",
            "{\"stream\":\"btcusdt@kline_1m\",\"data\":{\"e\":\"kline\",\"E\":1,\"k\":{}}}",
            "{\"something\":\"else\"}",
    })
    void rejectsWhatIsNoStreamMessage(String text) {
        assertThatThrownBy(() -> BinanceMessageParser.parseStreamMessage(text)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void rejectsAKlineWithAMissingOrBadField() {
        assertMalformed(REAL_15M.replace("\"c\": \"30280.40\",", ""), "k.c");
        assertMalformed(REAL_15M.replace("\"c\": \"30280.40\"", "\"c\": \"30280.4.0\""), "not a decimal");
        assertMalformed(REAL_15M.replace("\"c\": \"30280.40\"", "\"c\": 30280.40"), "not a decimal string");
        assertMalformed(REAL_15M.replace("\"t\": 1654796700000", "\"t\": \"1654796700000\""), "k.t");
        assertMalformed(REAL_15M.replace("\"x\": false", "\"x\": \"false\""), "k.x");
        assertMalformed(REAL_15M.replace("\"i\": \"15m\"", "\"i\": \"7m\""), "unknown interval");
        assertMalformed(REAL_15M + " trailing", "not JSON");
    }

    @Test
    void readsCommandAnswersAndOtherEvents() throws Exception {
        assertThat(BinanceMessageParser.parseStreamMessage("{\"result\":null,\"id\":7}"))
                .isEqualTo(new BinanceStreamMessage.CommandAnswered(7));
        assertThat(BinanceMessageParser.parseStreamMessage("{\"code\":2,\"msg\":\"Invalid request\",\"id\":8}"))
                .isEqualTo(new BinanceStreamMessage.CommandRefused(8, 2, "Invalid request"));
        assertThat(BinanceMessageParser.parseStreamMessage("{\"error\":{\"code\":1,\"msg\":\"Unknown property\"},\"id\":9}"))
                .isEqualTo(new BinanceStreamMessage.CommandRefused(9, 1, "Unknown property"));
        assertThat(BinanceMessageParser.parseStreamMessage(
                "{\"stream\":\"btcusdt@markPrice\",\"data\":{\"e\":\"markPriceUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"p\":\"1\"}}"))
                .isEqualTo(new BinanceStreamMessage.OtherEvent("btcusdt@markPrice", "markPriceUpdate"));
    }

    @Test
    void readsTheOfficialRestKlineRows() throws Exception {
        List<Kline> rows = BinanceMessageParser.parseKlineRows(resourceText("usdm_rest_klines_response.official_docs.json"),
                new Symbol("BTCUSDT"), Interval.ONE_MINUTE);

        assertThat(rows).containsExactly(new Kline(new Symbol("BTCUSDT"), Interval.ONE_MINUTE, 1499040000000L, 1499644799999L,
                new BigDecimal("0.01634790"), new BigDecimal("0.80000000"), new BigDecimal("0.01575800"),
                new BigDecimal("0.01577100"), new BigDecimal("148976.11427815"), new BigDecimal("2434.19055334"), 308));
    }

    @Test
    void rejectsBadRestRows() {
        assertThatThrownBy(() -> BinanceMessageParser.parseKlineRows("{\"code\":-1}", new Symbol("BTCUSDT"), Interval.ONE_MINUTE))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> BinanceMessageParser.parseKlineRows("[[1499040000000,\"1\",\"2\"]]", new Symbol("BTCUSDT"), Interval.ONE_MINUTE))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("row 0");
        assertThatThrownBy(() -> BinanceMessageParser.parseKlineRows(
                "[[1499040000000,\"1\",\"2\",\"0.5\",\"x\",\"1\",1499040059999,\"1\",3]]", new Symbol("BTCUSDT"), Interval.ONE_MINUTE))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("close");
    }

    @Test
    void readsBinanceErrorBodies() {
        assertThat(BinanceMessageParser.parseError(resourceText("usdm_error_payload_format.official_docs.json")))
                .contains(new BinanceApiException.Error(-1121, "Invalid symbol."));
        assertThat(BinanceMessageParser.parseError("<html>502 Bad Gateway</html>")).isEmpty();
    }

    private static void assertMalformed(String text, String reason) {
        assertThatThrownBy(() -> BinanceMessageParser.parseStreamMessage(text))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining(reason);
    }
}
