package io.tradeflow.benchmarks.exactlyonce;

import io.tradeflow.benchmarks.Options;
import io.tradeflow.benchmarks.execution.RecordedKlines;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.config.TopicConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The spike of issue 14 (run by {@code scripts/exactly-once-spike.sh}, results in docs/benchmarks.md): the indicator
 * stage on Kafka's exactly-once machinery, Kafka Streams ({@link StreamsStage}) against a plain transactional
 * consume-transform-produce loop ({@link TransactionalStage}), one after the other on one running broker, each on
 * topics of its own with the same klines.
 *
 * <p>Per run: start one instance and wait until it owns every partition; send the klines at full speed; time from
 * the first kline sent to the moment the last snapshot is visible to a read_committed consumer; send more klines at
 * a live pace and time each from sent to its snapshot visible; stop the instance; start it
 * again (Streams: once with its local state, then without, as a new machine would; the loop always reads its state
 * topic), timing each start until it is ready again; send one more kline per symbol and wait for its snapshot; then
 * read the snapshot topic whole and compare every snapshot with trading-core's in-process run.
 *
 * <pre>
 * --bootstrap HOST:PORT --state-dir DIR          required: the broker; a folder for Kafka Streams' local state
 * --klines CSV            data/klines/BTCUSDT-UM-1m-2023-11-15_to_2023-11-21.csv
 * --symbols N --rows R    24 symbols x 5000 klines each (rows wrap around the file), at full speed
 * --live-rows L --live-rate K   then 20 klines per symbol at 100 klines/s (over all symbols), for the latency
 * --partitions P          12 per topic
 * --runs LIST             streams:100,streams:1000,transactions:500  (commit.interval.ms; max.poll.records);
 *                         streams-eager:MS also commits as soon as a kline arrives with no backlog
 * --rounds N              1: the runs one after the other, N times (the first round also warms the JIT up)
 * --indicators LIST       sma(21);ema(50);rsi(14);atr(14)
 * --producer K=V;K=V     producer settings for both sides' transactional producers (none: the clients' defaults)
 * --broker-pid PID --clock-ticks HZ   the broker JVM's CPU time from /proc (optional)
 * --timeout-s S           300, per wait
 * </pre>
 * Prints "run name value" lines and a table; exits 1 when a run fails or a check does not hold, 2 on bad options.
 */
public final class ExactlyOnceSpike {
    private static final String TOOL = "exactly-once-spike";
    private static final String USAGE =
            "ExactlyOnceSpike --bootstrap HOST:PORT --state-dir DIR [--name value ...] (see the class's documentation)";
    /** Unreadable records among the klines: each must end on the dead-letter topic, once. */
    private static final int POISON = 1;
    /** Klines per symbol after the restart. */
    private static final int AFTER_RESTART = 1;

    private final String bootstrap;
    private final Path stateDir;
    private final int partitions;
    private final Duration timeout;
    private final long brokerPid;
    private final long clockTicks;
    private final IndicatorWork work;
    private final SpikeInput input;
    private final double liveRate;
    private final Map<String, String> producer = new TreeMap<>();

    private ExactlyOnceSpike(Options options) {
        bootstrap = options.required("bootstrap");
        stateDir = Path.of(options.required("state-dir"));
        partitions = Integer.parseInt(options.orDefault("partitions", "12"));
        timeout = Duration.ofSeconds(Long.parseLong(options.orDefault("timeout-s", "300")));
        brokerPid = Long.parseLong(options.orDefault("broker-pid", "0"));
        clockTicks = Long.parseLong(options.orDefault("clock-ticks", "100"));
        work = new IndicatorWork(Arrays.asList(
                options.orDefault("indicators", "sma(21);ema(50);rsi(14);atr(14)").split(";")));
        RecordedKlines recorded = RecordedKlines.read(Path.of(options.orDefault("klines",
                "data/klines/BTCUSDT-UM-1m-2023-11-15_to_2023-11-21.csv")));
        input = SpikeInput.of(recorded, work, Integer.parseInt(options.orDefault("symbols", "24")),
                Integer.parseInt(options.orDefault("rows", "5000")),
                Integer.parseInt(options.orDefault("live-rows", "20")), AFTER_RESTART, POISON);
        liveRate = Double.parseDouble(options.orDefault("live-rate", "100"));
        for (String setting : options.orDefault("producer", "").split(";")) {
            if (!setting.isBlank()) {
                String[] keyValue = setting.split("=", 2);
                if (keyValue.length != 2) {
                    options.usage("--producer takes key=value;key=value, got " + setting);
                }
                producer.put(keyValue[0].strip(), keyValue[1].strip());
            }
        }
    }

    public static void main(String[] args) {
        Options options = Options.parse(TOOL, USAGE, args);
        List<String> runs = Arrays.asList(
                options.orDefault("runs", "streams:100,streams:1000,transactions:500").split(","));
        ExactlyOnceSpike spike;
        int roundCount;
        try {
            roundCount = Integer.parseInt(options.orDefault("rounds", "1"));
            spike = new ExactlyOnceSpike(options);
        } catch (NumberFormatException e) {
            options.usage("a number option is not a number: " + e.getMessage());
            return;
        }
        System.out.printf("input %d klines (+%d unreadable) of %d series at full speed, %d at %.0f klines/s, "
                        + "%d after the restart; indicators %s; %d partitions; %d cores%n",
                spike.input.mainKlines(), POISON, spike.input.afterRestartKlines() / AFTER_RESTART,
                spike.input.liveKlines(), spike.liveRate, spike.input.afterRestartKlines(), spike.work.indicators(),
                spike.partitions, Runtime.getRuntime().availableProcessors());
        System.out.println("producer settings on top of the defaults: " + spike.producer);
        for (String run : runs) {
            if (!run.matches("(streams|streams-eager|transactions):[0-9]+")) {
                options.usage("--runs takes streams:COMMIT_MS, streams-eager:COMMIT_MS and "
                        + "transactions:MAX_POLL_RECORDS, got " + run);
            }
        }
        List<List<RunResult>> rounds = new ArrayList<>();
        boolean ok = true;
        try (KafkaProducer<String, byte[]> loader = SpikeInput.producer(spike.bootstrap);
             KafkaProducer<String, byte[]> paced = SpikeInput.pacedProducer(spike.bootstrap);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, spike.bootstrap))) {
            for (int round = 1; round <= roundCount; round++) {
                List<RunResult> results = new ArrayList<>();
                for (String run : runs) {
                    String[] kind = run.split(":");
                    RunResult result = spike.run(kind[0], Integer.parseInt(kind[1]), round,
                            loader, paced, admin);
                    result.print();
                    results.add(result);
                    ok &= result.ok();
                }
                rounds.add(results);
            }
        } catch (RuntimeException e) {
            System.err.println(TOOL + ": " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
        for (int round = 1; round <= rounds.size(); round++) {
            System.out.printf("%nRound %d of %d:%n", round, rounds.size());
            RunResult.table(rounds.get(round - 1), spike.input.mainKlines());
        }
        System.out.flush();
        System.exit(ok ? 0 : 1);
    }

    private RunResult run(String kind, int parameter, int round, KafkaProducer<String, byte[]> loader,
                       KafkaProducer<String, byte[]> paced, Admin admin) {
        boolean streams = kind.startsWith("streams");
        boolean eager = kind.equals("streams-eager");
        String name = (streams ? kind + "-" + parameter + "ms" : "tx-" + parameter) + "-r" + round;
        SpikeTopics topics = SpikeTopics.of(name);
        createTopics(admin, topics, !streams);
        Function<Boolean, Stage> instance = wipe -> streams
                ? new StreamsStage(bootstrap, name, topics, stateDir.resolve(name), parameter, eager, wipe, producer, work)
                : new TransactionalStage(bootstrap, name, topics, partitions, parameter, producer, work);
        RunResult result = new RunResult(name,
                streams ? "commit.interval.ms " + parameter + (eager ? ", commit when caught up" : "")
                        : "max.poll.records " + parameter);
        System.out.println("run " + name + " (" + result.setting + ") ...");

        Started first = start(instance.apply(false));
        result.firstReady = first.seconds;
        try (OutputWatcher watcher = new OutputWatcher(bootstrap, topics.output(), partitions)) {
            loader.partitionsFor(topics.input()); // the topic's metadata now, not inside the timed part
            watcher.expect(input.mainKlines());
            CpuTimes cpu = new CpuTimes("spike-" + name + "-", brokerPid, clockTicks);
            long t0 = System.nanoTime();
            input.writeMain(loader, topics.input());
            result.writtenSeconds = (System.nanoTime() - t0) / 1e9;
            result.visibleSeconds = (watcher.await(timeout, first.stage) - t0) / 1e9;
            result.cpu = cpu.spent();
            result.commits = first.stage.commits();

            paced.partitionsFor(topics.input());
            watcher.expect(input.mainKlines() + input.liveKlines());
            Map<String, Long> visible = watcher.track();
            Map<String, Long> sentAt = input.writeLive(paced, topics.input(), liveRate);
            watcher.await(timeout, first.stage);
            watcher.untrack();
            result.liveLatency = RunResult.Latency.of(sentAt, visible);
            result.liveCommits = first.stage.commits().minus(result.commits);
            result.duplicates = first.stage.duplicates();
            long closing = System.nanoTime();
            first.stage.close();
            result.closeSeconds = (System.nanoTime() - closing) / 1e9;

            if (streams) {
                Started kept = start(instance.apply(false));
                result.keptReady = kept.seconds;
                result.keptRestored = kept.stage.restored();
                kept.stage.close();
            }
            Started fresh = start(instance.apply(true));
            result.freshReady = fresh.seconds;
            result.freshRestored = fresh.stage.restored();
            watcher.expect(input.mainKlines() + input.liveKlines() + input.afterRestartKlines());
            long sent = System.nanoTime();
            input.writeAfterRestart(loader, topics.input());
            result.afterRestartSeconds = (watcher.await(timeout, fresh.stage) - sent) / 1e9;
            result.duplicates += fresh.stage.duplicates();
            fresh.stage.close();
        }
        result.check = TopicRead.check(bootstrap, topics.output(), partitions, input.expected());
        result.state = TopicRead.size(bootstrap, streams ? StreamsStage.changelog(name) : topics.state(), partitions);
        result.deadLetters = TopicRead.size(bootstrap, topics.deadLetters(), partitions).records();
        result.expected = input.expected().size();
        result.expectedDeadLetters = POISON;
        return result;
    }

    private record Started(Stage stage, double seconds) {
    }

    /** Starts an instance and waits until it owns every partition with its state restored. */
    private Started start(Stage stage) {
        long started = System.nanoTime();
        stage.start();
        try {
            stage.awaitReady(timeout);
        } catch (RuntimeException e) {
            stage.close();
            throw e;
        }
        return new Started(stage, (System.nanoTime() - started) / 1e9);
    }

    private void createTopics(Admin admin, SpikeTopics topics, boolean stateTopic) {
        List<NewTopic> create = new ArrayList<>(List.of(
                new NewTopic(topics.input(), partitions, (short) 1),
                new NewTopic(topics.output(), partitions, (short) 1),
                new NewTopic(topics.deadLetters(), partitions, (short) 1)));
        if (stateTopic) {
            create.add(new NewTopic(topics.state(), partitions, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        }
        try {
            admin.createTopics(create).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the topics of " + topics.input() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
