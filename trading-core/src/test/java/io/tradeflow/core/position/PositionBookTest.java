package io.tradeflow.core.position;

import static io.tradeflow.core.position.Fixtures.T0;
import static io.tradeflow.core.position.Fixtures.dec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.CloseReason;
import io.tradeflow.core.domain.Direction;
import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.PositionChange;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.PositionChanged;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Booking fills into tracked positions and their {@code PositionChanged} events. Expected numbers are worked by hand in
 * the comments; decimals are checked by value ({@code isEqualByComparingTo}) and, where the digits are the contract
 * (published figures), by {@code toPlainString()} as well.
 */
class PositionBookTest {

    private static final Symbol BTCUSDT = new Symbol("BTCUSDT");
    private static final Symbol BTCUSD_PERP = new Symbol("BTCUSD_PERP");
    private static final String BOT = "btc-ema-cross";
    private static final String SIGNAL = "btc-ema-cross-BTCUSDT-1m-1700006400000";
    /** What position-service stamps on the events: a few ms after the fill. */
    private static final long PRODUCED = T0 + 10_000_000;

    /** A USD-M BTCUSDT fill on the testnet (LINEAR, contract size 1, margin USDT). */
    private static PositionFill usdm(Side side, String quantity, String price, String fee, String feeAsset,
            long time, String tradeId, OrderRole role, String signalId, CloseReason statedReason, String feePrice) {
        return new PositionFill(BOT, BTCUSDT, Venue.TESTNET, Contract.LINEAR, BigDecimal.ONE, "USDT",
                new Fill(side, dec(quantity), dec(price), dec(fee), feeAsset, time, tradeId), signalId, role,
                statedReason, feePrice == null ? null : dec(feePrice));
    }

    private static PositionFill usdm(Side side, String quantity, String price, String fee, long time, String tradeId,
            OrderRole role) {
        return usdm(side, quantity, price, fee, "USDT", time, tradeId, role, SIGNAL, null, null);
    }

    /** Books the fills one after the other, from no position, keeping every event. */
    private static Run run(PositionFill... fills) {
        TrackedPosition current = null;
        List<PositionChanged> events = new ArrayList<>();
        for (PositionFill fill : fills) {
            PositionBook.Booked booked = PositionBook.book(current, fill, PRODUCED);
            events.addAll(booked.events());
            current = booked.current();
        }
        return new Run(current, events);
    }

    private record Run(TrackedPosition position, List<PositionChanged> events) {
        PositionChanged last() {
            return events.getLast();
        }
    }

    // Worked case 1: long 0.028 BTCUSDT at 35567.2, fee 0.028 x 35567.2 x 0.0004 = 0.39835264 USDT; the take-profit
    // fills in two trades, 0.010 at 35700.0 (fee 357.0 x 0.0004 = 0.1428) and 0.018 at 35701.0 (fee 642.618 x 0.0004
    // = 0.2570472).
    private static PositionFill entryFill() {
        return usdm(Side.BUY, "0.028", "35567.2", "0.39835264", T0, "4075113891", OrderRole.ENTRY);
    }

    private static PositionFill firstTarget() {
        return usdm(Side.SELL, "0.010", "35700.0", "0.1428", T0 + 60_000, "4075200001", OrderRole.TAKE_PROFIT);
    }

    private static PositionFill secondTarget() {
        return usdm(Side.SELL, "0.018", "35701.0", "0.2570472", T0 + 60_005, "4075200002", OrderRole.TAKE_PROFIT);
    }

    @Test
    void aLongTakenProfitInTwoTradesOpensChangesAndCloses() {
        Run run = run(entryFill(), firstTarget(), secondTarget());

        assertThat(run.events()).extracting(PositionChanged::change)
                .containsExactly(PositionChange.OPENED, PositionChange.CHANGED, PositionChange.CLOSED);
        assertThat(run.events()).extracting(PositionChanged::sequence).containsExactly(1L, 2L, 3L);
        assertThat(run.events()).extracting(PositionChanged::eventId).containsExactly(
                "pos-testnet-BTCUSDT-4075113891-1", "pos-testnet-BTCUSDT-4075113891-2",
                "pos-testnet-BTCUSDT-4075113891-3");

        PositionChanged opened = run.events().get(0);
        assertThat(opened.direction()).isEqualTo(Direction.LONG);
        assertThat(opened.quantity()).isEqualByComparingTo("0.028");
        assertThat(opened.entryPrice().toPlainString()).isEqualTo("35567.2");
        assertThat(opened.exitPrice()).isNull();
        assertThat(opened.markPrice()).isEqualByComparingTo("35567.2");
        assertThat(opened.unrealizedPnl()).isEqualByComparingTo("0");
        assertThat(opened.fees()).isEqualByComparingTo("0.39835264");
        assertThat(opened.netRealizedPnl()).isEqualByComparingTo("-0.39835264");
        assertThat(opened.closeReason()).isNull();
        assertThat(opened.closedAt()).isNull();
        assertThat(opened.eventTime()).isEqualTo(T0);
        assertThat(opened.producedAt()).isEqualTo(PRODUCED);

        PositionChanged changed = run.events().get(1);
        // 0.018 left open; (35700.0 - 35567.2) x 0.010 = 1.3280 realized; open lots marked at the fill:
        // (35700.0 - 35567.2) x 0.018 = 2.3904
        assertThat(changed.quantity()).isEqualByComparingTo("0.018");
        assertThat(changed.entryPrice()).isEqualByComparingTo("35567.2");
        assertThat(changed.exitPrice()).isEqualByComparingTo("35700.0");
        assertThat(changed.realizedPnl()).isEqualByComparingTo("1.3280");
        assertThat(changed.unrealizedPnl()).isEqualByComparingTo("2.3904");
        assertThat(changed.fees()).isEqualByComparingTo("0.54115264"); // 0.39835264 + 0.1428
        assertThat(changed.closeReason()).isNull();
        assertThat(changed.closedAt()).isNull();

        TrackedPosition closed = run.position();
        assertThat(closed.isOpen()).isFalse();
        assertThat(closed.positionId()).isEqualTo("pos-testnet-BTCUSDT-4075113891");
        assertThat(closed.sequence()).isEqualTo(3);
        assertThat(closed.signalId()).isEqualTo(SIGNAL);
        assertThat(closed.closeReason()).isEqualTo(CloseReason.TAKE_PROFIT);
        assertThat(closed.updatedAt()).isEqualTo(T0 + 60_005);
        // (0.010 x 35700.0 + 0.018 x 35701.0) / 0.028 = 999.6180 / 0.028 = 35700.642857142...
        assertThat(closed.position().exitPrice()).isEqualByComparingTo("35700.64285714");
        assertThat(closed.position().exitPrice().toPlainString()).isEqualTo("35700.64285714");
        // 1.3280 + (35701.0 - 35567.2) x 0.018 = 1.3280 + 2.4084
        assertThat(closed.position().realizedPnl()).isEqualByComparingTo("3.7364");
        assertThat(closed.position().realizedPnl().toPlainString()).isEqualTo("3.7364");
        // 0.39835264 + 0.1428 + 0.2570472
        assertThat(closed.marginFees()).isEqualByComparingTo("0.79819984");
        assertThat(closed.marginFees().toPlainString()).isEqualTo("0.79819984");
        assertThat(closed.otherFees()).isEmpty();
        assertThat(closed.convertedFees()).isEqualByComparingTo("0");
        assertThat(closed.unconvertedFees()).isEmpty();
        // 3.7364 - 0.79819984
        assertThat(closed.netRealizedPnl()).isEqualByComparingTo("2.93820016");
        assertThat(closed.netRealizedPnl().toPlainString()).isEqualTo("2.93820016");

        PositionChanged event = run.last();
        assertThat(event.positionId()).isEqualTo("pos-testnet-BTCUSDT-4075113891");
        assertThat(event.botId()).isEqualTo(BOT);
        assertThat(event.symbol()).isEqualTo(BTCUSDT);
        assertThat(event.venue()).isEqualTo(Venue.TESTNET);
        assertThat(event.direction()).isEqualTo(Direction.LONG);
        assertThat(event.quantity()).isEqualByComparingTo("0.028"); // CLOSED: the size that was closed
        assertThat(event.entryPrice().toPlainString()).isEqualTo("35567.2");
        assertThat(event.exitPrice().toPlainString()).isEqualTo("35700.64285714");
        assertThat(event.markPrice()).isEqualByComparingTo("35701.0");
        assertThat(event.realizedPnl().toPlainString()).isEqualTo("3.7364");
        assertThat(event.unrealizedPnl()).isEqualByComparingTo("0");
        assertThat(event.fees().toPlainString()).isEqualTo("0.79819984");
        assertThat(event.netRealizedPnl().toPlainString()).isEqualTo("2.93820016");
        assertThat(event.marginAsset()).isEqualTo("USDT");
        assertThat(event.closeReason()).isEqualTo(CloseReason.TAKE_PROFIT);
        assertThat(event.otherFees()).isNull();
        assertThat(event.convertedFees()).isNull();
        assertThat(event.unconvertedFees()).isNull();
        assertThat(event.openedAt()).isEqualTo(T0);
        assertThat(event.closedAt()).isEqualTo(T0 + 60_005);
        assertThat(event.eventTime()).isEqualTo(T0 + 60_005);
    }

    // Worked case 2: the first target's fee charged in BNB instead, 0.1428 USDT / 600.0 = 0.000238 BNB.
    private static PositionFill firstTargetInBnb(String bnbPrice) {
        return usdm(Side.SELL, "0.010", "35700.0", "0.000238", "BNB", T0 + 60_000, "4075200001",
                OrderRole.TAKE_PROFIT, SIGNAL, null, bnbPrice);
    }

    @Test
    void aFeeInBnbWithoutItsPriceIsReportedApartAndNotSubtracted() {
        Run run = run(entryFill(), firstTargetInBnb(null), secondTarget());

        TrackedPosition closed = run.position();
        assertThat(closed.position().realizedPnl()).isEqualByComparingTo("3.7364");
        // 0.39835264 + 0.2570472: the USDT fees only
        assertThat(closed.marginFees().toPlainString()).isEqualTo("0.65539984");
        assertThat(closed.otherFees()).containsExactly(entry("BNB", dec("0.000238")));
        assertThat(closed.unconvertedFees()).containsExactly(entry("BNB", dec("0.000238")));
        assertThat(closed.convertedFees()).isEqualByComparingTo("0");
        // 3.7364 - 0.65539984: the BNB fee is not in USDT, so it is not subtracted
        assertThat(closed.netRealizedPnl()).isEqualByComparingTo("3.08100016");
        assertThat(closed.netRealizedPnl().toPlainString()).isEqualTo("3.08100016");

        PositionChanged event = run.last();
        assertThat(event.fees().toPlainString()).isEqualTo("0.65539984");
        assertThat(event.otherFees()).containsExactly(entry("BNB", dec("0.000238")));
        assertThat(event.unconvertedFees()).containsExactly(entry("BNB", dec("0.000238")));
        assertThat(event.convertedFees()).isNull();
        assertThat(event.netRealizedPnl().toPlainString()).isEqualTo("3.08100016");
    }

    @Test
    void aFeeInBnbWithItsPriceIsConvertedAtTheFillsTime() {
        Run run = run(entryFill(), firstTargetInBnb("600.0"), secondTarget());

        TrackedPosition closed = run.position();
        assertThat(closed.marginFees()).isEqualByComparingTo("0.65539984");
        assertThat(closed.otherFees()).containsExactly(entry("BNB", dec("0.000238")));
        // 0.000238 x 600.0, exact
        assertThat(closed.convertedFees()).isEqualByComparingTo("0.1428");
        assertThat(closed.unconvertedFees()).isEmpty();
        assertThat(closed.knownFees()).isEqualByComparingTo("0.79819984");
        // 3.7364 - 0.65539984 - 0.1428: the same as when every fee was in USDT
        assertThat(closed.netRealizedPnl()).isEqualByComparingTo("2.93820016");
        assertThat(closed.netRealizedPnl().toPlainString()).isEqualTo("2.93820016");

        PositionChanged event = run.last();
        assertThat(event.fees()).isEqualByComparingTo("0.65539984");
        assertThat(event.otherFees()).containsExactly(entry("BNB", dec("0.000238")));
        assertThat(event.convertedFees()).isEqualByComparingTo("0.1428");
        assertThat(event.unconvertedFees()).isNull();
        assertThat(event.netRealizedPnl().toPlainString()).isEqualTo("2.93820016");
        // before the BNB fill nothing was converted: the field is absent, not 0
        assertThat(run.events().get(0).convertedFees()).isNull();
        assertThat(run.events().get(1).convertedFees()).isEqualByComparingTo("0.1428");
    }

    @Test
    void aShortGainsWhenThePriceFalls() {
        Run run = run(
                usdm(Side.SELL, "0.010", "36000.0", "0.1440", T0, "1", OrderRole.ENTRY),
                usdm(Side.BUY, "0.004", "35500.0", "0.0568", T0 + 1_000, "2", OrderRole.TAKE_PROFIT),
                usdm(Side.BUY, "0.006", "35000.0", "0.0840", T0 + 2_000, "3", OrderRole.TAKE_PROFIT));

        PositionChanged opened = run.events().get(0);
        assertThat(opened.direction()).isEqualTo(Direction.SHORT);
        PositionChanged changed = run.events().get(1);
        // (36000.0 - 35500.0) x 0.004 = 2.0000 realized; the 0.006 left marked at 35500.0: 500.0 x 0.006 = 3.0000
        assertThat(changed.realizedPnl()).isEqualByComparingTo("2.0000");
        assertThat(changed.unrealizedPnl()).isEqualByComparingTo("3.0000");

        TrackedPosition closed = run.position();
        assertThat(closed.position().direction()).isEqualTo(Direction.SHORT);
        // 2.0000 + (36000.0 - 35000.0) x 0.006 = 2.0000 + 6.0000
        assertThat(closed.position().realizedPnl()).isEqualByComparingTo("8.0000");
        // (0.004 x 35500.0 + 0.006 x 35000.0) / 0.010 = (142.0000 + 210.0000) / 0.010 = 35200
        assertThat(closed.position().exitPrice()).isEqualByComparingTo("35200");
        // 8.0000 - (0.1440 + 0.0568 + 0.0840)
        assertThat(closed.netRealizedPnl()).isEqualByComparingTo("7.7152");
        assertThat(closed.closeReason()).isEqualTo(CloseReason.TAKE_PROFIT);
        assertThat(run.last().direction()).isEqualTo(Direction.SHORT);
        assertThat(run.last().change()).isEqualTo(PositionChange.CLOSED);
    }

    @Test
    void aStopLossFillClosesWithALossForStopLoss() {
        Run run = run(
                usdm(Side.BUY, "0.010", "35000.0", "0.1400", T0, "1", OrderRole.ENTRY),
                usdm(Side.SELL, "0.010", "34500.0", "0.1380", T0 + 1_000, "2", OrderRole.STOP_LOSS));

        // (34500.0 - 35000.0) x 0.010 = -5.0000; net -5.0000 - 0.1400 - 0.1380
        assertThat(run.position().position().realizedPnl()).isEqualByComparingTo("-5.0000");
        assertThat(run.position().netRealizedPnl()).isEqualByComparingTo("-5.2780");
        assertThat(run.position().closeReason()).isEqualTo(CloseReason.STOP_LOSS);
        assertThat(run.last().change()).isEqualTo(PositionChange.CLOSED);
        assertThat(run.last().closeReason()).isEqualTo(CloseReason.STOP_LOSS);
        assertThat(run.last().realizedPnl()).isEqualByComparingTo("-5.0000");
    }

    static Stream<Arguments> exits() {
        return Stream.of(
                Arguments.of(SIGNAL, CloseReason.REVERSAL, CloseReason.REVERSAL),
                Arguments.of(SIGNAL, CloseReason.LIQUIDATION, CloseReason.LIQUIDATION),
                Arguments.of(null, null, CloseReason.MANUAL),
                Arguments.of(SIGNAL, null, CloseReason.SIGNAL_EXIT));
    }

    @ParameterizedTest
    @MethodSource("exits")
    void anExitOrderClosesForItsStatedReasonElseBySignalOrByHand(String signalId, CloseReason stated,
            CloseReason expected) {
        PositionFill exit = usdm(Side.SELL, "0.010", "35100.0", "0.1404", "USDT", T0 + 1_000, "2", OrderRole.EXIT,
                signalId, stated, null);
        assertThat(exit.closeReason()).isEqualTo(expected);

        Run run = run(usdm(Side.BUY, "0.010", "35000.0", "0.1400", T0, "1", OrderRole.ENTRY), exit);

        assertThat(run.position().closeReason()).isEqualTo(expected);
        assertThat(run.last().change()).isEqualTo(PositionChange.CLOSED);
        assertThat(run.last().closeReason()).isEqualTo(expected);
    }

    @Test
    void aClosingFillWithoutAnOpenPositionIsRefusedRatherThanOpeningOneTheOtherWay() {
        PositionFill stop = usdm(Side.SELL, "0.010", "34500.0", "0.1380", T0, "9", OrderRole.STOP_LOSS);

        assertThatThrownBy(() -> PositionBook.book(null, stop, PRODUCED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STOP_LOSS fill (9)").hasMessageContaining("found no open position");
    }

    @Test
    void aStaleStopOnTheEntrySideOfTheOpenPositionIsRefusedRatherThanAddingToIt() {
        TrackedPosition shortHeld = PositionBook.book(null,
                usdm(Side.SELL, "0.010", "35000.0", "0.1400", T0, "1", OrderRole.ENTRY), PRODUCED).current();
        // A SELL stop-loss left over from an earlier LONG fills while the bot is SHORT.
        PositionFill stale = usdm(Side.SELL, "0.010", "34500.0", "0.1380", T0 + 1_000, "2", OrderRole.STOP_LOSS);

        assertThatThrownBy(() -> PositionBook.book(shortHeld, stale, PRODUCED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is on the entry side of the open SHORT position");
    }

    @Test
    void anExitLargerThanThePositionIsRefusedRatherThanReversingIt() {
        TrackedPosition held = PositionBook.book(null,
                usdm(Side.BUY, "0.010", "35000.0", "0.1400", T0, "1", OrderRole.ENTRY), PRODUCED).current();
        PositionFill exit = usdm(Side.SELL, "0.020", "35100.0", "0.2808", T0 + 1_000, "2", OrderRole.EXIT);

        assertThatThrownBy(() -> PositionBook.book(held, exit, PRODUCED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is larger than the open quantity 0.010");
    }

    @Test
    void aPartialExitLeavesTheCloseReasonUnset() {
        Run run = run(
                usdm(Side.BUY, "0.010", "35000.0", "0.1400", T0, "1", OrderRole.ENTRY),
                usdm(Side.SELL, "0.004", "34500.0", "0.0552", T0 + 1_000, "2", OrderRole.STOP_LOSS));

        assertThat(run.position().isOpen()).isTrue();
        assertThat(run.position().closeReason()).isNull();
        assertThat(run.last().change()).isEqualTo(PositionChange.CHANGED);
        assertThat(run.last().closeReason()).isNull();
    }

    @Test
    void aClosingFillLargerThanThePositionClosesItThenOpensTheOtherWay() {
        TrackedPosition held = run(usdm(Side.BUY, "0.010", "35000.0", "0.1400", T0, "100", OrderRole.ENTRY))
                .position();
        // A venue that reversed in one order: SELL 0.030 at 35100.0, fee 0.42121 (not a multiple of 3, so the share
        // is rounded): the closing 0.010 takes 0.42121 x 0.010 / 0.030 = 0.140403333... -> 0.14040333, the new
        // position the rest, 0.42121 - 0.14040333 = 0.28080667.
        PositionFill reversal = usdm(Side.SELL, "0.030", "35100.0", "0.42121", T0 + 1_000, "200", OrderRole.ENTRY);

        PositionBook.Booked booked = PositionBook.book(held, reversal, PRODUCED);

        assertThat(booked.events()).extracting(PositionChanged::change)
                .containsExactly(PositionChange.CLOSED, PositionChange.OPENED);
        assertThat(booked.events()).extracting(PositionChanged::eventId)
                .containsExactly("pos-testnet-BTCUSDT-100-2", "pos-testnet-BTCUSDT-200-1");
        assertThat(booked.positions()).hasSize(2);
        // the fill's realized PnL is the closing part's: (35100.0 - 35000.0) x 0.010
        assertThat(booked.realizedPnl()).isEqualByComparingTo("1.0000");

        TrackedPosition closed = booked.positions().get(0);
        assertThat(closed.positionId()).isEqualTo("pos-testnet-BTCUSDT-100");
        assertThat(closed.isOpen()).isFalse();
        assertThat(closed.position().closedQuantity()).isEqualByComparingTo("0.010");
        // (35100.0 - 35000.0) x 0.010
        assertThat(closed.position().realizedPnl()).isEqualByComparingTo("1.0000");
        assertThat(closed.closeReason()).isEqualTo(CloseReason.REVERSAL); // an entry order that closes
        BigDecimal closingFee = closed.marginFees().subtract(dec("0.1400"));
        assertThat(closingFee.toPlainString()).isEqualTo("0.14040333");

        TrackedPosition opened = booked.current();
        assertThat(opened).isSameAs(booked.positions().get(1));
        assertThat(opened.positionId()).isEqualTo("pos-testnet-BTCUSDT-200");
        assertThat(opened.sequence()).isEqualTo(1);
        assertThat(opened.isOpen()).isTrue();
        assertThat(opened.position().direction()).isEqualTo(Direction.SHORT);
        assertThat(opened.position().quantity()).isEqualByComparingTo("0.020");
        assertThat(opened.position().entryPrice()).isEqualByComparingTo("35100.0");
        assertThat(opened.position().realizedPnl()).isEqualByComparingTo("0");
        assertThat(opened.marginFees().toPlainString()).isEqualTo("0.28080667");
        assertThat(opened.initialStop()).isNull();
        assertThat(opened.closeReason()).isNull();
        // the shares sum to the fill's fee exactly
        assertThat(closingFee.add(opened.marginFees())).isEqualByComparingTo("0.42121");

        PositionChanged closedEvent = booked.events().get(0);
        assertThat(closedEvent.quantity()).isEqualByComparingTo("0.010");
        assertThat(closedEvent.closeReason()).isEqualTo(CloseReason.REVERSAL);
        PositionChanged openedEvent = booked.events().get(1);
        assertThat(openedEvent.direction()).isEqualTo(Direction.SHORT);
        assertThat(openedEvent.quantity()).isEqualByComparingTo("0.020");
        assertThat(openedEvent.fees()).isEqualByComparingTo("0.28080667");
        assertThat(openedEvent.closeReason()).isNull();
    }

    @Test
    void aFillOfAnotherSymbolIsRefused() {
        TrackedPosition held = run(entryFill()).position();
        PositionFill other = new PositionFill(BOT, new Symbol("ETHUSDT"), Venue.TESTNET, Contract.LINEAR,
                BigDecimal.ONE, "USDT", new Fill(Side.SELL, dec("0.1"), dec("2000"), dec("0"), "USDT", T0 + 1, "9"),
                SIGNAL, OrderRole.EXIT, null, null);

        assertThatThrownBy(() -> PositionBook.book(held, other, PRODUCED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pos-testnet-BTCUSDT-4075113891");
    }

    @Test
    void anInverseLongEarnsTheCoin() {
        // BTCUSD_PERP: contracts of 100 USD, margin in BTC; 10 contracts = 1000 USD.
        // Fees 0.05%: 1000 / 35000 x 0.0005 = 0.0000142857... -> 0.00001429, 1000 / 36000 x 0.0005 -> 0.00001389.
        PositionFill buy = new PositionFill(BOT, BTCUSD_PERP, Venue.PAPER, Contract.INVERSE, dec("100"), "BTC",
                new Fill(Side.BUY, dec("10"), dec("35000"), dec("0.00001429"), "BTC", T0, "1"), SIGNAL,
                OrderRole.ENTRY, null, null);
        PositionFill sell = new PositionFill(BOT, BTCUSD_PERP, Venue.PAPER, Contract.INVERSE, dec("100"), "BTC",
                new Fill(Side.SELL, dec("10"), dec("36000"), dec("0.00001389"), "BTC", T0 + 1_000, "2"), SIGNAL,
                OrderRole.EXIT, null, null);

        Run run = run(buy, sell);

        // quantity x contractSize x (1/entry - 1/exit), by hand at 30 places, rounded once to 8 places HALF_EVEN:
        // 1000 x (0.0000285714... - 0.0000277777...) = 0.000793650793... -> 0.00079365
        BigDecimal inverseEntry = BigDecimal.ONE.divide(dec("35000"), 30, RoundingMode.HALF_EVEN);
        BigDecimal inverseExit = BigDecimal.ONE.divide(dec("36000"), 30, RoundingMode.HALF_EVEN);
        BigDecimal expected = dec("10").multiply(dec("100")).multiply(inverseEntry.subtract(inverseExit))
                .setScale(8, RoundingMode.HALF_EVEN);
        assertThat(expected.toPlainString()).isEqualTo("0.00079365");

        TrackedPosition closed = run.position();
        assertThat(closed.positionId()).isEqualTo("pos-paper-BTCUSD_PERP-1");
        assertThat(closed.position().realizedPnl()).isEqualByComparingTo(expected);
        assertThat(closed.position().realizedPnl().toPlainString()).isEqualTo("0.00079365");
        assertThat(closed.marginFees()).isEqualByComparingTo("0.00002818");
        // 0.00079365 - 0.00002818
        assertThat(closed.netRealizedPnl().toPlainString()).isEqualTo("0.00076547");
        assertThat(closed.closeReason()).isEqualTo(CloseReason.SIGNAL_EXIT);

        PositionChanged event = run.last();
        assertThat(event.marginAsset()).isEqualTo("BTC");
        assertThat(event.quantity()).isEqualByComparingTo("10");
        assertThat(event.realizedPnl().toPlainString()).isEqualTo("0.00079365");
        assertThat(event.fees()).isEqualByComparingTo("0.00002818");
        assertThat(event.netRealizedPnl().toPlainString()).isEqualTo("0.00076547");
    }

    @Test
    void theRMultipleIsNetPnlOverTheRiskToTheInitialStop() {
        PositionBook.Booked opened = PositionBook.book(null, entryFill(), PRODUCED);
        assertThat(opened.current().risk()).isEmpty();
        assertThat(opened.current().rMultiple()).isEmpty();

        // The bracket's stop at 35300.0: risk = (35567.2 - 35300.0) x 0.028 = 267.2 x 0.028 = 7.4816 USDT
        TrackedPosition stopped = opened.current().withInitialStop(dec("35300.0"));
        assertThat(stopped.initialStop()).isEqualByComparingTo("35300.0");
        assertThat(stopped.risk()).hasValueSatisfying(risk -> assertThat(risk).isEqualByComparingTo("7.4816"));

        PositionBook.Booked first = PositionBook.book(stopped, firstTarget(), PRODUCED);
        PositionBook.Booked second = PositionBook.book(first.current(), secondTarget(), PRODUCED);
        TrackedPosition closed = second.current();
        // each fill's own PnL before fees: (35700.0 - 35567.2) x 0.010, (35701.0 - 35567.2) x 0.018
        assertThat(opened.realizedPnl()).isNull();
        assertThat(first.realizedPnl()).isEqualByComparingTo("1.3280");
        assertThat(second.realizedPnl()).isEqualByComparingTo("2.4084");

        assertThat(closed.initialStop()).isEqualByComparingTo("35300.0"); // kept through every change
        // the whole quantity, open or closed, counts
        assertThat(closed.risk()).hasValueSatisfying(risk -> assertThat(risk).isEqualByComparingTo("7.4816"));
        // 2.93820016 / 7.4816 = 0.392723502994... -> 0.39272350
        assertThat(closed.rMultiple()).hasValueSatisfying(r -> assertThat(r.toPlainString()).isEqualTo("0.39272350"));

        // Statistics take the position's net PnL, known fees and R
        Statistics statistics = Statistics.NONE.add(closed);
        assertThat(statistics.netPnl()).isEqualByComparingTo("2.93820016");
        assertThat(statistics.fees()).isEqualByComparingTo("0.79819984");
        assertThat(statistics.averageR()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("0.39272350"));
    }

    @Test
    void aStopAtTheEntryRisksNothingSoHasNoRMultiple() {
        TrackedPosition atEntry = PositionBook.book(null, entryFill(), PRODUCED).current()
                .withInitialStop(dec("35567.2"));

        assertThat(atEntry.risk()).isEmpty();
        assertThat(atEntry.rMultiple()).isEmpty();
    }

    @Test
    void aLosingShortHasANegativeRMultiple() {
        // short 0.010 at 36000.0 with its stop at 36500.0: risk = 500.0 x 0.010 = 5.0000; stopped out there:
        // net = -5.0000 - 0.1440 - 0.1460 = -5.2900; R = -5.2900 / 5.0000 = -1.058
        TrackedPosition opened = PositionBook.book(null,
                usdm(Side.SELL, "0.010", "36000.0", "0.1440", T0, "1", OrderRole.ENTRY), PRODUCED).current()
                .withInitialStop(dec("36500.0"));
        TrackedPosition closed = PositionBook.book(opened,
                usdm(Side.BUY, "0.010", "36500.0", "0.1460", T0 + 1_000, "2", OrderRole.STOP_LOSS), PRODUCED)
                .current();

        assertThat(closed.risk()).hasValueSatisfying(risk -> assertThat(risk).isEqualByComparingTo("5.0000"));
        assertThat(closed.netRealizedPnl()).isEqualByComparingTo("-5.2900");
        assertThat(closed.rMultiple()).hasValueSatisfying(r -> assertThat(r.toPlainString()).isEqualTo("-1.05800000"));
    }

    @Test
    void statisticsRefuseAnOpenPosition() {
        TrackedPosition open = PositionBook.book(null, entryFill(), PRODUCED).current();

        assertThatThrownBy(() -> Statistics.NONE.add(open))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("still open");
    }

    @Test
    void everyEventRoundTripsThroughTheCodec() {
        List<PositionChanged> events = new ArrayList<>();
        events.addAll(run(entryFill(), firstTarget(), secondTarget()).events());
        events.addAll(run(entryFill(), firstTargetInBnb(null), secondTarget()).events());
        events.addAll(run(entryFill(), firstTargetInBnb("600.0"), secondTarget()).events());
        TrackedPosition held = run(usdm(Side.BUY, "0.010", "35000.0", "0.1400", T0, "100", OrderRole.ENTRY))
                .position();
        events.addAll(PositionBook.book(held,
                usdm(Side.SELL, "0.030", "35100.0", "0.42121", T0 + 1_000, "200", OrderRole.ENTRY), PRODUCED)
                .events());
        assertThat(events).hasSize(11);

        for (PositionChanged event : events) {
            PositionChanged decoded = EventCodec.decode(EventCodec.encode(event), PositionChanged.class);
            assertThat(decoded).isEqualTo(event);
            assertThat(EventCodec.encodeToString(decoded)).isEqualTo(EventCodec.encodeToString(event));
        }
    }

    @Test
    void aClosedEventEncodesItsNewFields() {
        PositionChanged closed = run(entryFill(), firstTargetInBnb(null), secondTarget()).last();

        String json = EventCodec.encodeToString(closed);

        assertThat(json).contains("\"marginAsset\":\"USDT\"", "\"closeReason\":\"TAKE_PROFIT\"",
                "\"otherFees\":{\"BNB\":\"0.000238\"}", "\"unconvertedFees\":{\"BNB\":\"0.000238\"}",
                "\"netRealizedPnl\":\"3.08100016\"", "\"exitPrice\":\"35700.64285714\"", "\"fees\":\"0.65539984\"");
        assertThat(json).doesNotContain("\"convertedFees\""); // absent, not 0 ("unconvertedFees" is another key)
    }
}
