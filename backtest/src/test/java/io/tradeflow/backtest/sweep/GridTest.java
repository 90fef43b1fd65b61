package io.tradeflow.backtest.sweep;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --grid NAME=VALUES}: lists, inclusive ranges, decimals, and the specs that are refused. */
class GridTest {

    @Test
    void theIssuesExampleIsAListAndAnInclusiveRange() {
        Grid grid = Grid.parse(List.of("fast=5,10,20", "slow=20:60:10"), 10_000);

        assertThat(grid.axes()).containsExactly(new Axis("fast", "5,10,20", List.of("5", "10", "20")),
                new Axis("slow", "20:60:10", List.of("20", "30", "40", "50", "60")));
        assertThat(grid.size()).isEqualTo(15);
    }

    @Test
    void combinationsGoThroughTheLastAxisFastest() {
        List<Map<String, String>> all = Grid.parse(List.of("fast=5,10", "slow=20:40:10"), 100).combinations();

        assertThat(all).containsExactly(Map.of("fast", "5", "slow", "20"), Map.of("fast", "5", "slow", "30"),
                Map.of("fast", "5", "slow", "40"), Map.of("fast", "10", "slow", "20"),
                Map.of("fast", "10", "slow", "30"), Map.of("fast", "10", "slow", "40"));
        assertThat(all.getFirst().keySet()).containsExactly("fast", "slow");
    }

    @Test
    void decimalRangesAreExactAndWrittenWithoutTrailingZeros() {
        assertThat(Grid.parse(List.of("riskReward=1:2:0.25"), 100).axes().getFirst().values())
                .containsExactly("1", "1.25", "1.5", "1.75", "2");
        // 0.1 steps that a double would drift on: 0.30000000000000004 never appears.
        assertThat(Grid.parse(List.of("slBufferPercent=0:0.5:0.1"), 100).axes().getFirst().values())
                .containsExactly("0", "0.1", "0.2", "0.3", "0.4", "0.5");
    }

    @Test
    void aRangeStopsAtTheLastStepNotBeyondItsEnd() {
        assertThat(Grid.parse(List.of("slow=20:45:10"), 100).axes().getFirst().values())
                .containsExactly("20", "30", "40");
    }

    @Test
    void listsAndRangesMixAndListValuesStayAsWritten() {
        assertThat(Grid.parse(List.of("riskReward= 1.50 , 2:3:1"), 100).axes().getFirst().values())
                .containsExactly("1.50", "2", "3");
    }

    @Test
    void aSingleValueAndAOnePointRangeAreAxesOfOne() {
        Grid grid = Grid.parse(List.of("fast=5", "slow=20:20:5"), 100);

        assertThat(grid.size()).isEqualTo(1);
        assertThat(grid.combinations()).containsExactly(Map.of("fast", "5", "slow", "20"));
    }

    @Test
    void malformedSpecsAreRefusedSayingHowToWriteThem() {
        assertRefused("fast", "--grid 'fast': write NAME=VALUES: a list (--grid fast=5,10,20) or a range "
                + "from:to:step, both ends included (--grid slow=20:60:10)");
        assertRefused("=5,10", "--grid '=5,10': write NAME=VALUES");
        assertRefused("fast=", "--grid 'fast=': write NAME=VALUES");
        assertRefused("fast=5,,10", "--grid fast=5,,10 has an empty value");
        assertRefused("slow=20:60", "--grid slow=20:60: a range is from:to:step, both ends included, e.g. "
                + "slow=20:60:10");
        assertRefused("slow=20:60:10:5", "--grid slow=20:60:10:5: a range is from:to:step");
        assertRefused("slow=x:60:10", "--grid slow=x:60:10: 'x' is not a number");
        assertRefused("slow=1e2:200:10", "--grid slow=1e2:200:10: '1e2' is not a number");
    }

    @Test
    void anEmptyRangeIsRefusedNamingItsEnds() {
        assertRefused("slow=60:20:10", "--grid slow=60:20:10 is an empty range: from (60) is above to (20); write "
                + "the smaller end first");
    }

    @Test
    void aStepThatIsNotAboveZeroIsRefused() {
        assertRefused("slow=20:60:0", "--grid slow=20:60:0: the step 0 must be above 0");
        assertRefused("slow=20:60:-10", "--grid slow=20:60:-10: the step -10 must be above 0");
    }

    @Test
    void aValueOrAParameterGivenTwiceIsRefused() {
        assertRefused("fast=5,10,5", "--grid fast=5,10,5 gives the value 5 twice: give each value once");
        assertRefused("riskReward=1.5,1:2:0.5", "--grid riskReward=1.5,1:2:0.5 gives the value 1.5 twice");
        assertThatThrownBy(() -> Grid.parse(List.of("fast=5", "fast=10"), 100))
                .isInstanceOf(InvalidSweepException.class)
                .hasMessage("--grid fast is given twice: put all its values in one --grid, e.g. --grid fast=5,10,20");
    }

    @Test
    void moreCombinationsThanTheMaximumAreRefusedBeforeAnyIsBuilt() {
        assertThatThrownBy(() -> Grid.parse(List.of("fast=2:100:1", "slow=3:200:1"), 10_000))
                .isInstanceOf(InvalidSweepException.class)
                .hasMessage("--grid gives 19602 combinations (fast 99 x slow 198), more than the 10000 allowed: "
                        + "narrow the grid (fewer values, larger steps) or raise --max-combinations");
        // A range alone that is too long is refused before its values are made.
        assertThatThrownBy(() -> Grid.parse(List.of("riskReward=0.1:20:0.000000001"), 10_000))
                .isInstanceOf(InvalidSweepException.class)
                .hasMessageStartingWith("--grid riskReward=0.1:20:0.000000001 has 19900000001 values, more than the "
                        + "10000 combinations allowed");
        assertThat(Grid.parse(List.of("fast=2:100:1", "slow=3:200:1"), 19_602).size()).isEqualTo(19_602);
    }

    private static void assertRefused(String spec, String messageStart) {
        assertThatThrownBy(() -> Grid.parse(List.of(spec), 10_000))
                .isInstanceOf(InvalidSweepException.class)
                .hasMessageStartingWith(messageStart);
    }
}
