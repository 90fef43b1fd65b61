package io.tradeflow.devstack;

import io.tradeflow.core.event.Topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Kafka, PostgreSQL and Redis, started together in this JVM and stopped together. */
public final class DevStack implements AutoCloseable {
    private static final int RESTART_ATTEMPTS = 5;
    private final DevStackOptions options;
    private final List<AutoCloseable> running = new ArrayList<>();
    private Endpoints endpoints;
    private KafkaBroker broker;

    private DevStack(DevStackOptions options) {
        this.options = options;
    }

    /** Checks every port first, then starts the three servers (Kafka in parallel with the other two) and creates the topics. */
    public static DevStack start(DevStackOptions options) {
        requirePortsFree(options);
        DevStack stack = new DevStack(options);
        try {
            stack.startServers();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    static void requirePortsFree(DevStackOptions options) {
        Ports.requireFree("Kafka", options.kafkaPort(), "--kafka-port");
        Ports.requireFree("Kafka controller", options.kafkaControllerPort(), "--kafka-controller-port");
        Ports.requireFree("Redis", options.redisPort(), "--redis-port");
        Ports.requireFree("PostgreSQL", options.postgresPort(), "--postgres-port");
    }

    private void startServers() {
        var dir = options.dataDir();
        CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(() -> KafkaBroker.start(
                dir.resolve("kafka"), options.kafkaPort(), options.kafkaControllerPort(), options.partitions()));
        try {
            RedisServer redis = RedisServer.start(dir.resolve("redis"), options.redisPort(), options.durable());
            running.add(redis);
            PostgresServer postgres = PostgresServer.start(dir.resolve("postgres"), options.postgresPort(), options.durable());
            running.add(postgres);
            broker = join(kafka);
            running.add(broker);
            List<String> topics = new ArrayList<>(Topics.ALL);
            Topics.ALL.stream().map(Topics::dlq).forEach(topics::add);
            broker.createTopics(topics, Topics.COMPACTED, options.partitions());
            endpoints = new Endpoints(broker.bootstrapServers(), "127.0.0.1", options.redisPort(),
                    postgres.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
        } catch (RuntimeException e) {
            // Kafka may still be starting; it has to be stopped with the rest.
            kafka.thenAccept(running::add);
            try {
                kafka.join();
            } catch (CompletionException ignored) {
                // the first failure is the one to report
            }
            throw e;
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public DevStackOptions options() {
        return options;
    }

    /**
     * Stops Kafka and starts it again on the same ports with the same data, as a broker restart in production does:
     * clients lose their connections (a request in flight may or may not have been appended, and its response never
     * comes) and reconnect when it is back. For tests of what survives that.
     *
     * @throws DevStackException when Kafka does not come back
     */
    public synchronized void restartKafka() {
        if (broker == null) {
            throw new DevStackException("Kafka is not running in this devstack");
        }
        running.remove(broker);
        broker.close();
        broker = null;
        // While it is down its clients keep connecting to its port, and a free port is one the kernel may also hand
        // out to an outgoing connection (see DevStackProcess.start): a start that finds it taken is tried again.
        for (int attempt = 1; ; attempt++) {
            try {
                broker = KafkaBroker.start(options.dataDir().resolve("kafka"), options.kafkaPort(),
                        options.kafkaControllerPort(), options.partitions());
                running.add(broker);
                return;
            } catch (DevStackException e) {
                if (attempt == RESTART_ATTEMPTS) {
                    throw new DevStackException("Kafka did not start again on port " + options.kafkaPort() + " after "
                            + attempt + " attempts: " + e.getMessage(), e);
                }
                Pause.sleep(Duration.ofSeconds(1));
            }
        }
    }

    /** Stops the servers in reverse order; a throwaway stack also deletes its folder. */
    @Override
    public synchronized void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.err.println("devstack: error while stopping " + running.get(i).getClass().getSimpleName() + ": " + e);
            }
        }
        running.clear();
        broker = null;
        if (!options.durable()) {
            Binaries.deleteTree(options.dataDir());
        }
    }
}
