package io.tradeflow.pipeline;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.service.codec.EventSerializer;
import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.StrategySpec;
import io.tradeflow.core.event.Topics;
import io.tradeflow.core.indicator.IndicatorSeries;
import io.tradeflow.core.strategy.BotStrategy;
import io.tradeflow.core.testing.RecordedDay;
import io.tradeflow.devstack.DevStackExtension;
import io.tradeflow.devstack.DevStackProcess;
import io.tradeflow.devstack.Endpoints;
import io.tradeflow.devstack.SharedDevStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.DefaultRecord;
import org.apache.kafka.common.record.DefaultRecordBatch;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The indicator and signal services as deployed ({@code java -jar}) on the devstack's real Kafka and Redis: a
 * recorded real day of klines in, and on {@code signals.v1} exactly the signals the same strategy computes in-process
 * over the same klines; then the same with each service killed ({@code kill -9}) halfway and started again, with a
 * second instance of each stage killed, with Kafka restarted under both stages, and with a snapshot Kafka refuses.
 */
@ExtendWith(DevStackExtension.class)
class PipelineTest {
    /** indicator-service's configured defaults; the in-process run needs the same set to build equal snapshots. */
    private static final List<String> DEFAULT_INDICATORS = List.of("sma(21)", "sma(200)", "rsi(14)");
    /** Small periods so that the day has crosses to find. */
    private static final Map<String, String> PARAMS = Map.of("fast", "5", "slow", "20", "confirmationCandles", "1",
            "minSignalIntervalMinutes", "15", "pivotLookback", "10");
    private static final BotDefinition STEADY = bot("pipeline-steady", Symbol.of("PIPESTEADYUSDT"));
    private static final BotDefinition RESTARTED = bot("pipeline-restarted", Symbol.of("PIPERESTARTUSDT"));
    /** Symbols enough that both instances of each stage get some of their partitions. */
    private static final List<BotDefinition> SHARED = List.of(bot("pipeline-shared-a", Symbol.of("PIPESHAREAUSDT")),
            bot("pipeline-shared-b", Symbol.of("PIPESHAREBUSDT")), bot("pipeline-shared-c", Symbol.of("PIPESHARECUSDT")),
            bot("pipeline-shared-d", Symbol.of("PIPESHAREDUSDT")), bot("pipeline-shared-e", Symbol.of("PIPESHAREEUSDT")),
            bot("pipeline-shared-f", Symbol.of("PIPESHAREFUSDT")));

    private static Endpoints endpoints;
    private static ServiceProcess indicatorService;
    private static ServiceProcess signalService;

    @BeforeAll
    static void startServices(Endpoints devstack) {
        endpoints = devstack;
        // Bots first: both services read bots.v1 to its end before they take their first kline or snapshot.
        List<BotDefinition> bots = new ArrayList<>(List.of(STEADY, RESTARTED));
        bots.addAll(SHARED);
        produce(bots);
        Map<String, String> config = Map.of("kafka.bootstrap.servers", endpoints.kafkaBootstrapServers(),
                "quarkus.redis.hosts", endpoints.redisUrl());
        indicatorService = new ServiceProcess("indicator-service", config).start();
        signalService = new ServiceProcess("signal-service", config).start();
    }

    @AfterAll
    static void stopServices() {
        if (signalService != null) {
            signalService.close();
        }
        if (indicatorService != null) {
            indicatorService.close();
        }
    }

    @Test
    void aRecordedDayGivesExactlyTheSignalsOfTheInProcessRun() {
        List<KlineClosed> day = RecordedDay.closed(STEADY.symbol());
        Expected expected = Expected.of(STEADY, day);
        assertThat(expected.signals()).as("the day must have signals to compare").hasSizeGreaterThan(3);

        try (var snapshots = new TopicRecords<>(endpoints.kafkaBootstrapServers(), Topics.INDICATORS, STEADY.symbol().value(), IndicatorsComputed.class);
             var signals = new TopicRecords<>(endpoints.kafkaBootstrapServers(), Topics.SIGNALS, STEADY.symbol().value(), SignalGenerated.class)) {
            produce(day);

            await().atMost(Duration.ofMinutes(3)).until(() -> snapshots.poll().distinct().size() == day.size());
            awaitQuiet(signals, expected.signals().size());

            assertThat(comparable(snapshots.all())).containsExactlyElementsOf(comparable(expected.snapshots()));
            assertThat(described(signals.all())).containsExactlyElementsOf(described(expected.signals()));
        }
    }

    @Test
    void killingEachServiceHalfwayLosesAndDuplicatesNoSignal() {
        List<KlineClosed> day = RecordedDay.closed(RESTARTED.symbol());
        Expected expected = Expected.of(RESTARTED, day);
        int half = day.size() / 2;

        try (var snapshots = new TopicRecords<>(endpoints.kafkaBootstrapServers(), Topics.INDICATORS, RESTARTED.symbol().value(), IndicatorsComputed.class);
             var signals = new TopicRecords<>(endpoints.kafkaBootstrapServers(), Topics.SIGNALS, RESTARTED.symbol().value(), SignalGenerated.class)) {
            produce(day.subList(0, half));
            await().atMost(Duration.ofMinutes(2)).until(() -> snapshots.poll().distinct().size() >= half / 2);
            indicatorService.kill();
            indicatorService.start();

            produce(day.subList(half, day.size()));
            await().atMost(Duration.ofMinutes(2)).until(() -> snapshots.poll().distinct().size() >= half + half / 2);
            signalService.kill();
            signalService.start();

            await().atMost(Duration.ofMinutes(3)).until(() -> snapshots.poll().distinct().size() == day.size());
            awaitQuiet(signals, expected.signals().size());

            // indicator-service commits a kline's offset, state and snapshot in one transaction: after its kill -9 no
            // snapshot is there twice (read_committed), not merely none missing.
            assertThat(comparable(snapshots.all())).containsExactlyElementsOf(comparable(expected.snapshots()));
            assertThat(described(signals.all())).as("every signal once, in order, equal to the uninterrupted in-process run")
                    .containsExactlyElementsOf(described(expected.signals()));
        }
    }

    @Test
    void twoInstancesOfEachStageShareThePartitionsAndKillingOneOfEachLosesAndDuplicatesNothing() throws Exception {
        Map<String, String> config = Map.of("kafka.bootstrap.servers", endpoints.kafkaBootstrapServers(),
                "quarkus.redis.hosts", endpoints.redisUrl());
        Map<BotDefinition, Expected> expected = new LinkedHashMap<>();
        SHARED.forEach(bot -> expected.put(bot, Expected.of(bot, RecordedDay.closed(bot.symbol()))));
        int size = RecordedDay.closed(SHARED.getFirst().symbol()).size();
        int half = size / 2;
        List<TopicRecords<IndicatorsComputed>> snapshots = new ArrayList<>();
        List<TopicRecords<SignalGenerated>> signals = new ArrayList<>();
        try (var second = new ServiceProcess("indicator-service", config).start();
             var secondSignals = new ServiceProcess("signal-service", config).start()) {
            for (BotDefinition bot : SHARED) {
                snapshots.add(new TopicRecords<>(endpoints.kafkaBootstrapServers(), Topics.INDICATORS, bot.symbol().value(), IndicatorsComputed.class));
                signals.add(new TopicRecords<>(endpoints.kafkaBootstrapServers(), Topics.SIGNALS, bot.symbol().value(), SignalGenerated.class));
            }
            // The long-running instances counted earlier tests' records too: each must process some of these.
            double indicatorsBefore = processed(indicatorService, "tradeflow_klines_processed_total");
            double signalsBefore = processed(signalService, "tradeflow_snapshots_processed_total");
            produce(interleaved(0, half));
            await().atMost(Duration.ofMinutes(2)).until(() -> processed(second, "tradeflow_klines_processed_total") > 0
                    && processed(indicatorService, "tradeflow_klines_processed_total") > indicatorsBefore
                    && processed(secondSignals, "tradeflow_snapshots_processed_total") > 0
                    && processed(signalService, "tradeflow_snapshots_processed_total") > signalsBefore);
            second.kill();
            secondSignals.kill();

            produce(interleaved(half, size));
            for (int i = 0; i < SHARED.size(); i++) {
                TopicRecords<IndicatorsComputed> ofBot = snapshots.get(i);
                await().atMost(Duration.ofMinutes(3)).until(() -> ofBot.poll().all().size() >= size);
                awaitQuiet(signals.get(i), expected.get(SHARED.get(i)).signals().size());
                assertThat(comparable(ofBot.poll().all())).as("%s: every snapshot once, in order", SHARED.get(i).symbol())
                        .containsExactlyElementsOf(comparable(expected.get(SHARED.get(i)).snapshots()));
                assertThat(described(signals.get(i).all())).containsExactlyElementsOf(described(expected.get(SHARED.get(i)).signals()));
            }
        } finally {
            snapshots.forEach(TopicRecords::close);
            signals.forEach(TopicRecords::close);
        }
    }

    /**
     * Kafka itself restarts while both stages work through a day, klines arriving all along: their connections drop
     * with requests in flight (appended or not, never answered: the ambiguous failure a retried publish must not turn
     * into a duplicate; the broker then refuses the stages' later sequence numbers and they redo their transactions),
     * and the clients reconnect by themselves. Still every snapshot and every signal exactly once. On a devstack of
     * the test's own, so that the restart disturbs no other test.
     */
    @Test
    void aKafkaRestartMidDayLosesAndDuplicatesNothing() throws Exception {
        BotDefinition bot = bot("pipeline-kafka-restart", Symbol.of("PIPEKAFKAUSDT"));
        List<KlineClosed> day = RecordedDay.closed(bot.symbol());
        Expected expected = Expected.of(bot, day);
        int half = day.size() / 2;
        try (DevStackProcess stack = DevStackProcess.start(SharedDevStack.TEST_PARTITIONS)) {
            String bootstrap = stack.endpoints().kafkaBootstrapServers();
            produce(bootstrap, List.of(bot));
            Map<String, String> config = Map.of("kafka.bootstrap.servers", bootstrap,
                    "quarkus.redis.hosts", stack.endpoints().redisUrl());
            try (var indicators = new ServiceProcess("indicator-service", config).start();
                 var signalStage = new ServiceProcess("signal-service", config).start();
                 var snapshots = new TopicRecords<>(bootstrap, Topics.INDICATORS, bot.symbol().value(), IndicatorsComputed.class);
                 var signals = new TopicRecords<>(bootstrap, Topics.SIGNALS, bot.symbol().value(), SignalGenerated.class)) {
                // Klines at a steady pace, so that the stages are at work when the broker goes and when it is back.
                CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> produceSteadily(bootstrap, day, 50));
                await().atMost(Duration.ofMinutes(2)).until(() -> snapshots.poll().distinct().size() >= half / 2);
                stack.restartKafka();
                int afterRestart = snapshots.poll().distinct().size();
                sending.get(3, TimeUnit.MINUTES);
                assertThat(afterRestart).as("the restart came in the middle of the day").isLessThan(half);

                await().atMost(Duration.ofMinutes(3)).until(() -> snapshots.poll().distinct().size() == day.size());
                awaitQuiet(signals, expected.signals().size());
                assertThat(comparable(snapshots.all())).as("every snapshot once, in order (read_committed)")
                        .containsExactlyElementsOf(comparable(expected.snapshots()));
                assertThat(described(signals.all())).as("every signal once, in order")
                        .containsExactlyElementsOf(described(expected.signals()));
            }
        }
    }

    /**
     * Kafka refuses one snapshot (too large for the topic) after accepting every one before it, the hole of the
     * hand-built design (the next kline's checkpoint was written, so after a restart the refused snapshot counted as
     * done and was never published): indicator-service publishes nothing from it on, however long it keeps failing
     * (its transaction is aborted and the stream thread replaced, again and again) and its readiness says it is
     * stuck and why; once the topic accepts it, it and every later snapshot follow, each once, and it is ready
     * again. The topic's limit is set between the sizes of the day's snapshots, as the service writes them (one
     * record a batch, uncompressed, for exact sizes).
     */
    @Test
    void aSnapshotKafkaRefusesIsNeverSkippedAndFollowsOnceAccepted() throws Exception {
        BotDefinition bot = bot("pipeline-refused", Symbol.of("PIPEREFUSEDUSDT"));
        List<KlineClosed> day = RecordedDay.closed(bot.symbol());
        Expected expected = Expected.of(bot, day);
        List<Integer> sizes = expected.snapshots().stream().map(snapshot -> batchSize(bot, snapshot)).toList();
        int refused = firstLargerThanAllBefore(sizes, 100);
        int limit = sizes.subList(0, refused).stream().max(Integer::compare).orElseThrow();
        try (DevStackProcess stack = DevStackProcess.start(SharedDevStack.TEST_PARTITIONS);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.endpoints().kafkaBootstrapServers()))) {
            String bootstrap = stack.endpoints().kafkaBootstrapServers();
            produce(bootstrap, List.of(bot));
            setSnapshotLimit(admin, limit);
            Map<String, String> config = Map.of("kafka.bootstrap.servers", bootstrap,
                    "quarkus.redis.hosts", stack.endpoints().redisUrl(),
                    "kafka-streams.producer.batch.size", "1", "kafka-streams.producer.compression.type", "none");
            try (var indicators = new ServiceProcess("indicator-service", config).start();
                 var snapshots = new TopicRecords<>(bootstrap, Topics.INDICATORS, bot.symbol().value(), IndicatorsComputed.class)) {
                produce(bootstrap, day);

                // Without the refusal the whole day is out in seconds. The refused snapshot's transaction (and so the
                // snapshots before it in that transaction) is aborted on every attempt, so the ones out are those
                // committed before it. The service says it is stuck once its thread failed three times in a row.
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    snapshots.poll();
                    return readiness(indicators).contains("failed 3 times in a row without committing");
                });
                assertThat(readiness(indicators)).startsWith("503").contains("RecordTooLargeException");
                snapshots.poll();
                int out = snapshots.all().size();
                System.out.printf("[refused] snapshot %d of %d refused (%d bytes, topic limit %d): %d out before it%n",
                        refused, day.size(), sizes.get(refused), limit, out);
                assertThat(out).as("nothing from the refused snapshot (index %d) on", refused).isLessThanOrEqualTo(refused);
                assertThat(comparable(snapshots.all())).as("what is out: the first snapshots, each once")
                        .containsExactlyElementsOf(comparable(expected.snapshots().subList(0, out)));

                setSnapshotLimit(admin, 1024 * 1024);
                await().atMost(Duration.ofMinutes(3)).until(() -> snapshots.poll().all().size() >= day.size());
                assertThat(comparable(snapshots.all())).as("every snapshot once, in order")
                        .containsExactlyElementsOf(comparable(expected.snapshots()));
                await().atMost(Duration.ofMinutes(1)).until(() -> readiness(indicators).startsWith("200"));
            }
        }
    }

    /** A service's readiness: its HTTP status, a space and the body. */
    private static String readiness(ServiceProcess service) throws Exception {
        try (var client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + service.port() + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        }
    }

    /** The size Kafka checks against a topic's {@code max.message.bytes}: a batch of this one uncompressed record. */
    private static int batchSize(BotDefinition bot, IndicatorsComputed snapshot) {
        IndicatorsComputed published = new IndicatorsComputed(snapshot.symbol(), snapshot.interval(), snapshot.openTime(),
                snapshot.closeTime(), snapshot.open(), snapshot.high(), snapshot.low(), snapshot.close(), snapshot.volume(),
                snapshot.values(), snapshot.stable(), snapshot.eventTime(), System.currentTimeMillis());
        return DefaultRecordBatch.RECORD_BATCH_OVERHEAD + DefaultRecord.sizeInBytes(0, 0,
                bot.symbol().value().getBytes(StandardCharsets.UTF_8).length, EventCodec.encode(published).length, new Header[0]);
    }

    /** The index of the first size from {@code from} on that is larger than every size before it. */
    private static int firstLargerThanAllBefore(List<Integer> sizes, int from) {
        int largest = sizes.subList(0, from).stream().max(Integer::compare).orElseThrow();
        for (int i = from; i < sizes.size(); i++) {
            if (sizes.get(i) > largest) {
                return i;
            }
            largest = Math.max(largest, sizes.get(i));
        }
        throw new IllegalStateException("no snapshot of the day is larger than every one before it after " + from);
    }

    private static void setSnapshotLimit(Admin admin, int maxMessageBytes) throws Exception {
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, Topics.INDICATORS),
                List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes)),
                        AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
    }

    /** The klines {@code from} to {@code to} (exclusive) of every shared bot's day, minute by minute. */
    private static List<KlineClosed> interleaved(int from, int to) {
        List<List<KlineClosed>> days = SHARED.stream().map(bot -> RecordedDay.closed(bot.symbol())).toList();
        List<KlineClosed> klines = new ArrayList<>();
        for (int minute = from; minute < to; minute++) {
            for (List<KlineClosed> day : days) {
                klines.add(day.get(minute));
            }
        }
        return klines;
    }

    /** The sum of a service's Prometheus counter {@code counter} (over its tags) so far. */
    private static double processed(ServiceProcess service, String counter) throws Exception {
        try (var client = HttpClient.newHttpClient()) {
            String metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines().filter(line -> line.startsWith(counter))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        }
    }

    /** Waits for the expected number of signals, then a little longer, so that an extra (duplicate) one would show. */
    private static void awaitQuiet(TopicRecords<SignalGenerated> signals, int expected) {
        await().atMost(Duration.ofMinutes(2)).until(() -> signals.poll().all().size() >= expected);
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < until) {
            signals.poll();
        }
    }

    /** The in-process run: trading-core's series and strategy over the same klines, nothing interrupted. */
    private record Expected(List<IndicatorsComputed> snapshots, List<SignalGenerated> signals) {
        static Expected of(BotDefinition bot, List<KlineClosed> klines) {
            BotStrategy strategy = BotStrategy.of(bot);
            IndicatorSeries series = new IndicatorSeries(bot.symbol(), bot.interval());
            series.require(DEFAULT_INDICATORS);
            series.require(strategy.indicators());
            List<IndicatorsComputed> snapshots = new ArrayList<>();
            List<SignalGenerated> signals = new ArrayList<>();
            for (KlineClosed kline : klines) {
                IndicatorsComputed snapshot = series.apply(kline, 1).snapshot().orElseThrow();
                snapshots.add(snapshot);
                strategy.onSnapshot(snapshot, 1).signal().ifPresent(signals::add);
            }
            return new Expected(snapshots, signals);
        }
    }

    /** A snapshot's JSON without the moment it was published. */
    private static List<String> comparable(List<IndicatorsComputed> snapshots) {
        return snapshots.stream().map(s -> EventCodec.encodeToString(new IndicatorsComputed(s.symbol(), s.interval(), s.openTime(),
                s.closeTime(), s.open(), s.high(), s.low(), s.close(), s.volume(), s.values(), s.stable(), s.eventTime(), 1))).toList();
    }

    /** What a signal says, without the moment it was published. */
    private static List<String> described(List<SignalGenerated> signals) {
        return signals.stream().map(s -> s.eventId() + " " + s.action() + " @" + s.referencePrice().toPlainString()
                + " sl=" + (s.stopLoss() == null ? "-" : s.stopLoss().toPlainString())
                + " tp=" + (s.takeProfit() == null ? "-" : s.takeProfit().toPlainString())
                + " t=" + s.eventTime() + " (" + s.reason() + ")").toList();
    }

    private static void produce(List<? extends Event> events) {
        produce(endpoints.kafkaBootstrapServers(), events);
    }

    /**
     * Sends {@code klines} at {@code perSecond}, not waiting for each: while the broker restarts, the producer buffers
     * and retries them (idempotent, so none twice).
     */
    private static void produceSteadily(String bootstrap, List<KlineClosed> klines, int perSecond) {
        try (var producer = new KafkaProducer<String, Event>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new EventSerializer())) {
            for (KlineClosed kline : klines) {
                producer.send(new ProducerRecord<>(Topics.KLINES, kline.key(), kline));
                Thread.sleep(1000 / perSecond);
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void produce(String bootstrap, List<? extends Event> events) {
        try (var producer = new KafkaProducer<String, Event>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new EventSerializer())) {
            for (Event event : events) {
                String topic = event instanceof BotDefinition ? Topics.BOTS : Topics.KLINES;
                producer.send(new ProducerRecord<>(topic, event.key(), event));
            }
            producer.flush();
        }
    }

    /** A RUNNING sma-crossover bot with the golden definition's market, risk and venue. */
    private static BotDefinition bot(String botId, Symbol symbol) {
        try (InputStream in = PipelineTest.class.getResourceAsStream("/events/BotDefinition.json")) {
            BotDefinition golden = EventCodec.decode(in.readAllBytes(), BotDefinition.class);
            long now = System.currentTimeMillis();
            return new BotDefinition(botId, "pipeline " + botId, golden.market(), symbol, Interval.ONE_MINUTE,
                    new StrategySpec("sma-crossover", PARAMS), golden.risk(), golden.venue(), BotStatus.RUNNING, false, now, now);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
