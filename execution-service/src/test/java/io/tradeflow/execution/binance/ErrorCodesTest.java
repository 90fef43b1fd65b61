package io.tradeflow.execution.binance;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.tradeflow.execution.binance.Handling.REJECT;
import static io.tradeflow.execution.binance.Handling.RESYNC;
import static io.tradeflow.execution.binance.Handling.RETRY;
import static io.tradeflow.execution.binance.Handling.UNKNOWN_OUTCOME;
import static org.assertj.core.api.Assertions.assertThat;

class ErrorCodesTest {

    private final ErrorCodes codes = ErrorCodes.usdM();

    @Test
    void theShippedListIsTheDocsList() {
        // 205 headings on the docs' error-code page, from -1000 UNKNOWN to -5043.
        assertThat(codes.documented()).hasSize(205);
        assertThat(codes.documented()).containsEntry(-1000, "UNKNOWN").containsEntry(-5043,
                "Existing_Pending_Modification");
    }

    @Test
    void everyDocumentedCodeIsClassifiedByARule() {
        for (Map.Entry<Integer, String> entry : codes.documented().entrySet()) {
            int code = entry.getKey();
            assertThat(ErrorCodes.covered(code)).as("%d %s has a rule", code, entry.getValue()).isTrue();
            ErrorCodes.Classification c = codes.classify(code);
            assertThat(c.documented()).isTrue();
            assertThat(c.name()).isEqualTo(entry.getValue());
            assertThat(c.handling()).isNotNull();
            assertThat(c.reason()).isNotBlank();
        }
    }

    @Test
    void everyExplicitCodeIsADocumentedOne() {
        // A typo in the table (-4064 for -4046) would otherwise classify nothing and go unnoticed.
        assertThat(codes.documented().keySet()).containsAll(ErrorCodes.explicitCodes());
    }

    @Test
    void theCodesBinanceMdNamesHaveTheirHandling() {
        Map<Integer, Handling> expected = Map.ofEntries(
                Map.entry(-1003, RETRY), Map.entry(-1008, RETRY), Map.entry(-1015, RETRY),
                Map.entry(-1021, RESYNC), Map.entry(-1022, REJECT), Map.entry(-1111, REJECT),
                Map.entry(-1125, RESYNC), Map.entry(-2013, RESYNC), Map.entry(-2019, REJECT),
                Map.entry(-2021, REJECT), Map.entry(-2022, RESYNC), Map.entry(-4047, REJECT),
                Map.entry(-4048, REJECT), Map.entry(-4061, RESYNC), Map.entry(-4116, RESYNC),
                Map.entry(-4120, REJECT), Map.entry(-4164, REJECT), Map.entry(-1102, REJECT),
                Map.entry(-5028, RETRY));
        expected.forEach((code, handling) ->
                assertThat(codes.handling(code)).as("%d", code).isEqualTo(handling));
    }

    @Test
    void executionStatusUnknownIsUnknownOnlyForWrites() {
        for (int code : new int[] {-1000, -1006, -1007}) {
            assertThat(codes.handling(code, false)).as("%d on a GET", code).isEqualTo(RETRY);
            assertThat(codes.handling(code, true)).as("%d on an order", code).isEqualTo(UNKNOWN_OUTCOME);
        }
        assertThat(codes.handling(-2019, true)).isEqualTo(REJECT);
        assertThat(codes.handling(-1003, true)).isEqualTo(RETRY);
    }

    @Test
    void noNeedToChangeIsAlreadyDone() {
        for (int code : new int[] {-4046, -4059, -4052, -4171, -5027}) {
            assertThat(codes.alreadyDone(code)).as("%d", code).isTrue();
        }
        assertThat(codes.alreadyDone(-4047)).isFalse();
        assertThat(codes.alreadyDone(-2019)).isFalse();
    }

    @Test
    void anUnknownCodeIsARejection() {
        ErrorCodes.Classification c = codes.classify(-4999);
        assertThat(c.handling()).isEqualTo(REJECT);
        assertThat(c.documented()).isFalse();
        assertThat(c.name()).isEqualTo("UNLISTED");
        assertThat(codes.classify(-9)).extracting(ErrorCodes.Classification::handling).isEqualTo(REJECT);
        assertThat(codes.handling(-1009, true)).isEqualTo(REJECT);
    }
}
