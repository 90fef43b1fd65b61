#!/usr/bin/env bash
# Exactly-once spike (issue 14): the indicator stage (klines in, one IndicatorsComputed snapshot per kline out, the
# series' state kept by the stage) on Kafka's exactly-once machinery, two ways, on one real broker started here (the
# devstack on free ports, throwaway folder), one after the other in one JVM (benchmarks.jar,
# io.tradeflow.benchmarks.exactlyonce.ExactlyOnceSpike):
#   (a) Kafka Streams 4.1.1, processing.guarantee=exactly_once_v2, the series' state in a RocksDB key-value store
#       with a changelog topic (record cache on), once per COMMIT_INTERVALS value (commit.interval.ms;
#       default 10,100,1000), and once per EAGER_INTERVALS value (default 100) with the processor also asking
#       for a commit after each kline that arrives less than 100 ms after it was written (no backlog);
#   (b) a plain KafkaConsumer (read_committed) and transactional KafkaProducer loop, one transaction per poll batch
#       (max.poll.records, once per MAX_POLL value, default 500,2000) holding the snapshots, each touched series'
#       state once on a compacted state topic, and the offsets (sendOffsetsToTransaction): what SmallRye's
#       KafkaTransactions does underneath.
# Both do the same per-kline work: trading-core's codec and IndicatorSeries (sma(21), ema(50), rsi(14), atr(14)).
#
# Input: the recorded week data/klines/BTCUSDT-UM-1m-2023-11-15_to_2023-11-21.csv under SYMBOLS symbols (default
# 24), ROWS klines each (default 5000, wrapping around the week), interleaved minute by minute, plus one unreadable
# record; topics of 12 partitions. Per run:
#   - klines/s from the first kline sent to the last snapshot visible to a read_committed consumer (the stage is
#     started and owns its partitions before the first kline is sent; the loader sends at full speed meanwhile);
#   - CPU seconds of the stage's threads, the whole spike JVM and the broker's JVM over that span;
#   - then LIVE_ROWS more klines per symbol (default 40) at LIVE_RATE klines/s over all symbols (default 100): per
#     kline the time from handing it to the producer to its snapshot visible to the read_committed consumer;
#   - restart: the time from start until the instance owns every partition with its state restored, Streams once
#     with its local state folder and once without (restoring from the changelog alone), the loop from its state
#     topic;
#   - checks (exit 1 if any fails): every snapshot, including one kline per series sent after the restart, exactly
#     once and equal field for field (producedAt aside) to trading-core's in-process run; the unreadable record once
#     on the dead-letter topic; no kline processed twice.
#
# The runs go one after the other, ROUNDS times (default 2: the first round also warms the JIT up); each run has
# topics of its own.
#
#   scripts/exactly-once-spike.sh [--no-build]
#   SYMBOLS=12 ROWS=2000 ROUNDS=1 COMMIT_INTERVALS=100 MAX_POLL=500 scripts/exactly-once-spike.sh --no-build
#
# Needs a JDK 21+. Takes about 5 minutes with the defaults on a quiet machine. Results: docs/benchmarks.md
# ("Exactly-once stages: Kafka Streams vs producer transactions").
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/devstack.sh

build=true
if [ "${1:-}" = "--no-build" ]; then build=false; shift; fi
[ $# -eq 0 ] || { echo "usage: scripts/exactly-once-spike.sh [--no-build]" >&2; exit 2; }
symbols=${SYMBOLS:-24}
rows=${ROWS:-5000}
rounds=${ROUNDS:-2}
live_rows=${LIVE_ROWS:-40}
live_rate=${LIVE_RATE:-100}
# Producer settings for both sides' transactional producers. retry.backoff.ms 10 (the client's default is 100): a
# transaction that starts right after the previous commit, before the broker has written that commit's markers, gets
# CONCURRENT_TRANSACTIONS and is retried after this backoff (see docs/benchmarks.md). PRODUCER= for the defaults.
producer=${PRODUCER-retry.backoff.ms=10}
runs=""
IFS=, read -ra intervals <<<"${COMMIT_INTERVALS:-10,100,1000}"
IFS=, read -ra eager <<<"${EAGER_INTERVALS-100}"
IFS=, read -ra polls <<<"${MAX_POLL:-500,2000}"
for ms in "${intervals[@]}"; do runs+="${runs:+,}streams:$ms"; done
for ms in "${eager[@]}"; do runs+="${runs:+,}streams-eager:$ms"; done
for n in "${polls[@]}"; do runs+="${runs:+,}transactions:$n"; done

bench_init exactly-once-spike
benchmarks_jar "$build"

echo "Load before: $(uptime | sed 's/.*load average/load average/'); $(nproc) cores; $("$java" -version 2>&1 | awk 'NR == 1')"
devstack_start
broker_pid=${pids[-1]}   # bin/devstack execs the JVM that runs the broker
# benchmarks.jar has no SLF4J binding, so Kafka's and Kafka Streams' logs are dropped; failures reach the spike.
# RocksDB loads its native library: allowed explicitly, so that JDK 24+ does not warn about it.
"$java" "${jvm_options[@]}" --enable-native-access=ALL-UNNAMED -cp "$jar" io.tradeflow.benchmarks.exactlyonce.ExactlyOnceSpike \
  --bootstrap "$bootstrap" --state-dir "$work/streams-state" --symbols "$symbols" --rows "$rows" --runs "$runs" \
  --rounds "$rounds" --live-rows "$live_rows" --live-rate "$live_rate" --producer "$producer" \
  --broker-pid "$broker_pid" --clock-ticks "$(getconf CLK_TCK)" 2> >(grep -v '^SLF4J' >&2) | tee "$work/spike.out" \
  || fail "the spike failed (its output: $work/spike.out)"
echo "Load after: $(uptime | sed 's/.*load average/load average/')"
