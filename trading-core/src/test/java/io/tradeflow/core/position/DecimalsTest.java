package io.tradeflow.core.position;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecimalsTest {

    @ParameterizedTest
    @ValueSource(strings = {"USDT", "BNB", "1000SHIB", "B", "A1234567890123456789"})
    void assetCodesOfUpperCaseLettersAndDigitsAreAccepted(String asset) {
        assertThat(Decimals.requireAsset("marginAsset", asset)).isSameAs(asset);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "usdt", "US-DT", "USDT ", "A12345678901234567890", "ÜSDT", "US_DT"})
    void otherCodesAreRefusedNamingTheField(String asset) {
        assertThatThrownBy(() -> Decimals.requireAsset("marginAsset", asset))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid marginAsset '" + asset + "' (expected 1 to 20 of A-Z, 0-9 such as USDT, BTC or BNB)");
    }
}
