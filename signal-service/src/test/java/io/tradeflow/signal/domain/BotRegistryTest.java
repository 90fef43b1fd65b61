package io.tradeflow.signal.domain;

import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.strategy.InvalidParameterException;
import io.tradeflow.signal.RecordedDay;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.tradeflow.signal.domain.BotRegistry.Change.REBOUND;
import static io.tradeflow.signal.domain.BotRegistry.Change.STARTED;
import static io.tradeflow.signal.domain.BotRegistry.Change.STOPPED;
import static io.tradeflow.signal.domain.BotRegistry.Change.UNCHANGED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BotRegistryTest {
    private static final Symbol SYMBOL = Symbol.of("REGUSDT");
    private final BotRegistry registry = new BotRegistry();

    @Test
    void followsEachBotsLatestDefinition() {
        BotDefinition bot = RecordedDay.bot("reg-1", SYMBOL, RecordedDay.SMA_PARAMS);
        assertThat(registry.update("reg-1", bot)).isEqualTo(STARTED);
        assertThat(registry.update("reg-1", bot)).isEqualTo(UNCHANGED);
        assertThat(registry.running(SYMBOL, RecordedDay.ONE_MINUTE)).extracting(RunningBot::botId).containsExactly("reg-1");

        BotDefinition changed = withProducedAt(bot, bot.producedAt() + 1, BotStatus.RUNNING);
        assertThat(registry.update("reg-1", changed)).isEqualTo(REBOUND);
        assertThat(registry.update("reg-1", withProducedAt(bot, bot.producedAt() + 2, BotStatus.STOPPED))).isEqualTo(STOPPED);
        assertThat(registry.running(SYMBOL, RecordedDay.ONE_MINUTE)).isEmpty();
        assertThat(registry.update("reg-1", changed)).isEqualTo(STARTED);
        assertThat(registry.update("reg-1", null)).isEqualTo(STOPPED);
        assertThat(registry.runningCount()).isZero();
    }

    @Test
    void refusesParametersTheStrategyCannotRunAndStopsTheBotIfItRan() {
        BotDefinition bot = RecordedDay.bot("reg-2", SYMBOL, RecordedDay.SMA_PARAMS);
        registry.update("reg-2", bot);
        Map<String, String> params = new HashMap<>(RecordedDay.SMA_PARAMS);
        params.put("fast", "30");
        BotDefinition invalid = withProducedAt(RecordedDay.bot("reg-2", SYMBOL, params), bot.producedAt() + 1, BotStatus.RUNNING);

        assertThatThrownBy(() -> registry.update("reg-2", invalid))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("fast");
        assertThat(registry.isRunning("reg-2")).isFalse();
    }

    private static BotDefinition withProducedAt(BotDefinition bot, long producedAt, BotStatus status) {
        return new BotDefinition(bot.botId(), bot.name(), bot.market(), bot.symbol(), bot.interval(), bot.strategy(),
                bot.risk(), bot.venue(), status, false, bot.eventTime(), producedAt);
    }
}
