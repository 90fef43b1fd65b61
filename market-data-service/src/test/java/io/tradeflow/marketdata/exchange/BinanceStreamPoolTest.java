package io.tradeflow.marketdata.exchange;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class BinanceStreamPoolTest {

    @Test
    void streamsBeyondTheCapacityOfAConnectionOpenAnother() {
        List<Set<String>> plan = BinanceStreamPool.allocate(List.of(), streams(0, 450), 200);

        assertThat(plan).extracting(Set::size).containsExactly(200, 200, 50);
        assertThat(plan.stream().flatMap(Set::stream).collect(Collectors.toSet())).isEqualTo(streams(0, 450));
    }

    @Test
    void newStreamsFillConnectionsWithRoomBeforeANewOneOpens() {
        List<Set<String>> current = List.of(streams(0, 200), streams(200, 390));

        List<Set<String>> plan = BinanceStreamPool.allocate(current, union(streams(0, 390), streams(1000, 1015)), 200);

        assertThat(plan).hasSize(3);
        assertThat(plan.get(0)).isEqualTo(streams(0, 200));
        assertThat(plan.get(1)).hasSize(200).containsAll(streams(200, 390));
        assertThat(plan.get(2)).hasSize(5);
    }

    @Test
    void streamsStayOnTheirConnectionAndGoneOnesLeaveIt() {
        List<Set<String>> current = List.of(streams(0, 3), streams(3, 6));

        List<Set<String>> plan = BinanceStreamPool.allocate(current, Set.of("s0", "s2", "s4", "s5", "new"), 3);

        assertThat(plan).containsExactly(Set.of("s0", "s2", "new"), Set.of("s4", "s5"));
    }

    @Test
    void aConnectionLeftWithoutStreamsIsClosedNotRefilled() {
        List<Set<String>> current = List.of(streams(0, 2), streams(2, 4));

        List<Set<String>> plan = BinanceStreamPool.allocate(current, Set.of("s0", "s1", "new"), 2);

        assertThat(plan).containsExactly(Set.of("s0", "s1"), Set.of(), Set.of("new"));
    }

    private static Set<String> streams(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "s" + i).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}
