package io.tradeflow.benchmarks.exactlyonce;

/**
 * The topics of one run, named after it so that runs never share a topic: the klines in, the snapshots out, the
 * dead-letter topic, and (transactional loop) the compacted state topic.
 */
record SpikeTopics(String input, String output, String deadLetters, String state) {

    static SpikeTopics of(String run) {
        String prefix = "spike." + run + ".";
        return new SpikeTopics(prefix + "klines", prefix + "indicators", prefix + "klines.dlq", prefix + "series-state");
    }
}
