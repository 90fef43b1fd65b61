#!/usr/bin/env bash
# Execution benchmark: the packaged execution-service, signal to order on the paper venue, on a devstack of its own
# (free ports, throwaway data). A load generator (benchmarks.jar, io.tradeflow.benchmarks.execution.ExecutionLoad)
# stands in for market-data, indicator and signal-service: recorded BTCUSDT klines under benchmark symbols (BTCUSDT's
# rules, from a rules file), per kline its KlineClosed, then its bots' signals (trading-core's strategies), then its
# SignalWatermark; 4 paper bots per symbol (sma-crossover 5/20, 8/30, 3/12 and rsi-reversion with shorts).
#
#   Run B (throughput, runs first): MAX_SYMBOLS symbols (default 2) x MAX_ROWS klines (default 10080, the recorded
#     week) written to Kafka at full speed BEFORE execution-service starts, so it works through a backlog. Signals/s
#     and order events/s from the first to the last order's producedAt (and over the second half alone).
#   Run A (latency at a live pace): LIVE_SYMBOLS symbols (default 6) x LIVE_ROWS klines (default 500) at LIVE_RATE
#     klines/s over all symbols (default 50), round robin, into the service warmed by run B.
#
# Latencies per signal of run A (ms, wall clock of one machine; the first order = the smallest of its orders):
#   decided   = first OrderUpdated.producedAt - signal.producedAt  (producedAt is stamped when the Trader decides,
#               before the PostgreSQL commit: see docs/benchmarks.md)
#   on Kafka  = first order record's Kafka timestamp - signal.producedAt (the producer's CreateTime: handed to the
#               producer after the commit, when the outbox is published)
#   from kline = first OrderUpdated.producedAt - kline.producedAt (the watermark-gated path)
#   acked     = execution-service's timer tradeflow.execution.kline.to.order over run A's steps with orders (kline
#               producedAt to the step's order events acknowledged by Kafka), p50/p99 as its histogram's bucket bounds
# Checks (exit 1 if any fails): per run, the order events on orders.v1 are exactly those trading-core's in-process
# run (PaperReplay: the same Trader and PaperVenue) gives for the same klines and signals, field for field but
# producedAt, each once (no duplicate eventId); empty market.klines.v1.dlq, signals.v1.dlq and bots.v1.dlq.
#
#   scripts/execution-benchmark.sh [--no-build]
#   LIVE_ROWS=300 MAX_ROWS=5000 JFR=true KEEP_WORK=true scripts/execution-benchmark.sh --no-build
#
# JFR=true records execution-service with JFR during run B (profile settings, socket reads and parks of every
# length) into $work/run-b.jfr and prints where its input workers spent the time (ExecutionWaits); implies KEEP_WORK.
# Needs a JDK 21+, kcat, jq, curl and psql. Results: docs/benchmarks.md ("Execution (signal to order, paper venue)").
set -euo pipefail
export LC_ALL=C   # one sort order for sort and comm
cd "$(dirname "$0")/.."
source scripts/lib/devstack.sh

build=true
if [ "${1:-}" = "--no-build" ]; then build=false; shift; fi
[ $# -eq 0 ] || { echo "usage: scripts/execution-benchmark.sh [--no-build]" >&2; exit 2; }
klines=data/klines/BTCUSDT-UM-1m-2023-11-15_to_2023-11-21.csv
bots_per_symbol=${BOTS_PER_SYMBOL:-4}
live_symbols=${LIVE_SYMBOLS:-6}
live_rows=${LIVE_ROWS:-500}
live_rate=${LIVE_RATE:-50}
max_symbols=${MAX_SYMBOLS:-2}
max_rows=${MAX_ROWS:-10080}
jfr=${JFR:-false}
stage_timeout=${STAGE_TIMEOUT:-900}

for tool in kcat jq curl psql; do
  command -v "$tool" >/dev/null || { echo "execution-benchmark: needs $tool on the PATH" >&2; exit 1; }
done
[ -f "$klines" ] || { echo "execution-benchmark: no such file $klines" >&2; exit 1; }
# At most 50 bots: execution-service's default max-open-positions (all bots together), which must never bind here
# (when it binds, which entries it denies depends on processing order across symbols; see its README).
[ $(( (live_symbols + max_symbols) * bots_per_symbol )) -le 50 ] \
  || { echo "execution-benchmark: at most 50 bots ((LIVE_SYMBOLS + MAX_SYMBOLS) x BOTS_PER_SYMBOL)" >&2; exit 2; }
bench_init execution-benchmark
$jfr && keep_logs=true

if $build; then
  echo "Building execution-service and the load generator (benchmarks) ..."
  ./mvnw -B -q package -DskipTests -pl execution-service,benchmarks -am
fi
service_jar=execution-service/target/quarkus-app/quarkus-run.jar
load_jar=benchmarks/target/benchmarks.jar
for jar in "$service_jar" "$load_jar"; do
  [ -f "$jar" ] || { echo "execution-benchmark: $jar is missing; run without --no-build" >&2; exit 1; }
done
# kafka-clients finds no SLF4J binding in benchmarks.jar and says so on stderr; the rest of stderr is shown.
load() { "$java" -cp "$load_jar" io.tradeflow.benchmarks.execution.ExecutionLoad "$@" 2> >(grep -v '^SLF4J' >&2); }

# execution-service's own timer tradeflow.execution.kline.to.order (kline producedAt to the step's order events
# acknowledged on orders.v1) as "upper-bound-seconds cumulative-count" lines of its Prometheus histogram.
timer_buckets() {
  curl -s "http://127.0.0.1:$http_port/q/metrics" \
    | sed -n 's/^tradeflow_execution_kline_to_order_seconds_bucket{.*le="\([^"]*\)".*} \([0-9.eE+]*\)$/\1 \2/p'
}

free_port http_port
echo "Load before: $(uptime | sed 's/.*load average/load average/')"
devstack_start

symbol_list() { # prefix count
  local i out=""
  for ((i = 1; i <= $2; i++)); do out+="${out:+,}$1${i}USDT"; done
  echo "$out"
}
max_list=$(symbol_list EXMAX "$max_symbols")
live_list=$(symbol_list EXLIVE "$live_symbols")
# Every bot before the service starts (it reads bots.v1 whole before its first kline or signal).
load setup --bootstrap "$bootstrap" --rules-file "$work/symbol-rules.json" --symbols "$max_list,$live_list" \
  --bots-per-symbol "$bots_per_symbol" >"$work/setup.result"

echo "Run B: writing $max_symbols x $max_rows klines with their signals and watermarks at full speed ..."
load run --bootstrap "$bootstrap" --klines "$klines" --symbols "$max_list" --bots-per-symbol "$bots_per_symbol" \
  --rows "$max_rows" --rate max --out "$work/B" >"$work/B.load"
expected_b=$(awk '$1 == "expected_orders" { print $2 }' "$work/B.load")

if $jfr; then
  # Every socket read and write and every park, however short (the profile settings keep those over 1 or 10 ms and
  # at most 300 socket events/s): the input workers' waits for PostgreSQL and for Kafka's acknowledgements.
  "$JAVA_HOME/bin/jfr" configure --input profile jdk.SocketRead#threshold=0ms jdk.SocketRead#throttle=off \
    jdk.SocketWrite#threshold=0ms jdk.SocketWrite#throttle=off jdk.ThreadPark#threshold=0ms \
    --output "$work/benchmark.jfc" >/dev/null
  jvm_options+=("-XX:StartFlightRecording=name=benchmark,settings=$work/benchmark.jfc")
fi
commits_before=$(commits)
load_b_start=$(load1)
echo "Starting execution-service (:$http_port) ..."
launched=$(now_ms)
# max-signal-delay 24h: run B's signals were written before the start; with the default 30 s its later entries
# would be denied stale-signal, a different (cheaper) mix of work than trading them.
env KAFKA_BOOTSTRAP_SERVERS="$bootstrap" QUARKUS_HTTP_PORT="$http_port" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$postgres_port/tradeflow" \
  QUARKUS_DATASOURCE_USERNAME=tradeflow QUARKUS_DATASOURCE_PASSWORD=tradeflow \
  TRADEFLOW_EXECUTION_BINANCE_EXCHANGE_INFO_FETCH=false \
  TRADEFLOW_EXECUTION_SYMBOL_RULES_FILES="$work/symbol-rules.json" \
  TRADEFLOW_EXECUTION_RISK_MAX_SIGNAL_DELAY=24h \
  "$java" "${jvm_options[@]}" -jar "$service_jar" >"$work/execution.log" 2>&1 &
pids+=($!)
service_pid=$!
if ! await_ready execution-service "$service_pid" "$http_port" "$work/execution.log"; then
  grep -v SRHCK01001 "$work/execution.log" | tail -20 >&2
  grep -q 'InputsRebalance.*Assigned' "$work/execution.log" \
    || fail "execution-service not ready after 120 s: its inputs consumer was never assigned partitions"
  fail "execution-service not ready after 120 s"
fi

await_records orders.v1 "$expected_b" "run B" execution-service "$service_pid" "$work/execution.log"
b_done=$reached_at
load_b_end=$(load1)
timer_buckets >"$work/timer-before-A"
commits_b=$(( $(commits) - commits_before ))
if $jfr; then
  "$JAVA_HOME/bin/jcmd" "$service_pid" JFR.stop name=benchmark filename="$work/run-b.jfr" >/dev/null
fi

echo "Run A: $live_symbols x $live_rows klines at $live_rate klines/s ..."
load run --bootstrap "$bootstrap" --klines "$klines" --symbols "$live_list" --bots-per-symbol "$bots_per_symbol" \
  --rows "$live_rows" --rate "$live_rate" --out "$work/A" >"$work/A.load"
expected_a=$(awk '$1 == "expected_orders" { print $2 }' "$work/A.load")
await_records orders.v1 $((expected_b + expected_a)) "run A" execution-service "$service_pid" "$work/execution.log"
load_a_end=$(load1)
timer_buckets >"$work/timer-after-A"

# orders.v1: the raw records ("kafkaTimestamp<TAB>json"), as "eventId signalId symbol producedAt kafkaTimestamp"
# lines, and each event as compact JSON with producedAt 1 (how the expected events are written).
kcat -b "$bootstrap" -C -t orders.v1 -e -q -f '%T\t%s\n' >"$work/orders.raw"
cut -f2- "$work/orders.raw" | jq -r '[.eventId, (.signalId // "-"), .symbol, .producedAt] | @tsv' \
  | paste - <(cut -f1 "$work/orders.raw") >"$work/orders.tsv"
cut -f2- "$work/orders.raw" | jq -c '.producedAt = 1' >"$work/orders.events"
failures=()
dlq=0
for topic in market.klines.v1.dlq signals.v1.dlq bots.v1.dlq; do
  dlq=$((dlq + $(records "$topic")))
done
[ "$dlq" -eq 0 ] || failures+=("$dlq records on the dead-letter topics")

# Per run: the checks, then name value lines in $work/$run.result.
check() { # run symbol-prefix
  local run=$1 prefix=$2 got distinct missing extra
  awk -F'\t' -v p="$prefix" 'index($3, p) == 1' "$work/orders.tsv" >"$work/$run-orders.tsv"
  got=$(wc -l <"$work/$run-orders.tsv")
  distinct=$(cut -f1 "$work/$run-orders.tsv" | sort -u | wc -l)
  # Whole events, but the moment of publication: ids, states, quantities, prices, fees, PnL, market times.
  jq -c --arg p "$prefix" 'select(.symbol | startswith($p))' "$work/orders.events" | sort -u >"$work/$run-got.events"
  jq -c '.producedAt = 1' "$work/$run-expected.jsonl" | sort >"$work/$run-expected.events"
  missing=$(comm -23 "$work/$run-expected.events" "$work/$run-got.events" | wc -l)
  extra=$(comm -13 "$work/$run-expected.events" "$work/$run-got.events" | wc -l)
  [ "$got" -eq "$distinct" ] || failures+=("run $run: $got order events but $distinct distinct eventIds")
  [ "$missing" -eq 0 ] || failures+=("run $run: $missing expected order events missing or different, e.g. $(comm -23 "$work/$run-expected.events" "$work/$run-got.events" | awk 'NR == 1')")
  [ "$extra" -eq 0 ] || failures+=("run $run: $extra order events not expected, e.g. $(comm -13 "$work/$run-expected.events" "$work/$run-got.events" | awk 'NR == 1')")
  [ "$(jq -r .eventId "$work/$run-expected.events" | sort -u | wc -l)" -eq "$(wc -l <"$work/$run-expected.events")" ] \
    || failures+=("run $run: the expected order events repeat an eventId")
  # Per signal: its first order (smallest producedAt, smallest Kafka timestamp) joined with the manifest.
  awk -F'\t' 'NR == FNR { if ($2 != "-") { if (!($2 in p) || $4 < p[$2]) p[$2] = $4; if (!($2 in k) || $5 < k[$2]) k[$2] = $5 }; next }
    ($1 in p) { print $1 "\t" p[$1] - $7 "\t" k[$1] - $7 "\t" p[$1] - $6 "\t" p[$1] "\t" $7 }' \
    "$work/$run-orders.tsv" "$work/$run-signals.tsv" >"$work/$run-latency.tsv"
  {
    awk '{ print "load_" $1, $2 }' "$work/$run.load"
    echo "orders $got"; echo "orders_distinct $distinct"; echo "missing $missing"; echo "extra $extra"
    echo "signals_with_orders $(wc -l <"$work/$run-latency.tsv")"
  } >"$work/$run.result"
}
check B EXMAX
check A EXLIVE

{
  echo "decided $(cut -f2 "$work/A-latency.tsv" | percentiles)"
  echo "on_kafka $(cut -f3 "$work/A-latency.tsv" | percentiles)"
  echo "from_kline $(cut -f4 "$work/A-latency.tsv" | percentiles)"
} >>"$work/A.result"

# The timer's run A part (after minus before): the bucket bounds that 50 and 99 % of its steps fall within.
awk 'NR == FNR { before[$1] = $2; next } { print $1, $2 - before[$1] }' "$work/timer-before-A" "$work/timer-after-A" \
  | awk '$1 != "+Inf" { le[NR] = $1 * 1000; n[NR] = $2; if ($2 > total) total = $2; last = NR }
    END {
      for (i = 1; i <= last; i++) { if (p50 == "" && n[i] >= 0.5 * total) p50 = le[i]; if (p99 == "" && n[i] >= 0.99 * total) p99 = le[i] }
      if (total == 0) print "acked -"; else printf "acked <= %s / <= %s ms (n=%d steps)\n", p50, p99, total
    }' >>"$work/A.result"

# Run B's rates: from the first to the last order's producedAt; the second half from the middle order event on.
sort -t$'\t' -k4,4n "$work/B-orders.tsv" | awk -F'\t' -v launched="$launched" -v ready="$ready_at" -v done="$b_done" \
  -v signals="$(awk '$1 == "signals" { print $2 }' "$work/B.load")" -v klines="$(awk '$1 == "klines" { print $2 }' "$work/B.load")" \
  -v xacts="$commits_b" -v latency="$work/B-latency.tsv" '
  { t[NR] = $4 }
  END {
    first = t[1]; last = t[NR]; mid = t[int((NR + 1) / 2)]; span = (last - first) / 1000
    while ((getline line < latency) > 0) { split(line, f, "\t"); if (f[5] >= mid) late++ }
    printf "ready_after %.1f\nfirst_order_after %.1f\nlast_order_after %.1f\nall_orders_polled_after %.1f\n",
      (ready - launched) / 1000, (first - launched) / 1000, (last - launched) / 1000, (done - launched) / 1000
    printf "span %.1f\nsignals_rate %.0f\norders_rate %.0f\nklines_rate %.0f\n", span, signals / span, NR / span, klines / span
    printf "signals_rate_second_half %.0f\norders_rate_second_half %.0f\n", late / ((last - mid) / 1000), (NR - int((NR + 1) / 2) + 1) / ((last - mid) / 1000)
    printf "db_commits %d\ndb_commits_per_signal %.2f\n", xacts, xacts / signals
  }' >>"$work/B.result"

value() { awk -v k="$2" '$1 == k { $1 = ""; sub(/^ /, ""); print }' "$work/$1.result"; }
echo
echo "Load after: $(uptime | sed 's/.*load average/load average/'); $(nproc) cores; $("$java" -version 2>&1 | awk 'NR == 1')"
echo "Load average (1 min): run B $load_b_start to $load_b_end, run A to $load_a_end"
echo "Run B (max speed): $(value B load_klines) klines, $(value B load_signals) signals of $(value B load_bots) bots, written in $(value B load_write_ms) ms before the start"
echo "  execution-service ready $(value B ready_after) s after launch; first order $(value B first_order_after) s, last $(value B last_order_after) s"
echo "  first to last order: $(value B span) s: $(value B signals_rate) signals/s, $(value B orders_rate) order events/s, $(value B klines_rate) klines/s"
echo "  second half: $(value B signals_rate_second_half) signals/s, $(value B orders_rate_second_half) order events/s"
echo "  PostgreSQL commits: $(value B db_commits) ($(value B db_commits_per_signal) per signal)"
echo "  order events $(value B orders) (distinct $(value B orders_distinct), expected $(value B load_expected_orders), missing $(value B missing), unexpected $(value B extra)); signals with orders $(value B signals_with_orders)"
echo "Run A ($live_rate klines/s): $(value A load_klines) klines, $(value A load_signals) signals of $(value A load_bots) bots, written in $(value A load_write_ms) ms (latest kline $(value A load_write_max_lag_ms) ms late)"
echo "  signal to order decided  ms p50/p90/p99/max: $(value A decided)"
echo "  signal to order on Kafka ms p50/p90/p99/max: $(value A on_kafka)"
echo "  kline to order decided   ms p50/p90/p99/max: $(value A from_kline)"
echo "  kline to orders acknowledged (execution-service's timer) p50 / p99: $(value A acked | sed 's/^acked //')"
echo "  order events $(value A orders) (distinct $(value A orders_distinct), expected $(value A load_expected_orders), missing $(value A missing), unexpected $(value A extra)); signals with orders $(value A signals_with_orders)"
echo "Dead letters: $dlq"
if $jfr; then
  echo "JFR of run B ($work/run-b.jfr), the input workers from the first to the last order:"
  read -r b_first b_last < <(sort -t$'\t' -k4,4n "$work/B-orders.tsv" | awk -F'\t' 'NR == 1 { a = $4 } { b = $4 } END { print a, b }')
  "$java" -cp "$load_jar" io.tradeflow.benchmarks.execution.ExecutionWaits "$work/run-b.jfr" "$b_first" "$b_last" | sed 's/^/  /'
fi
if [ ${#failures[@]} -gt 0 ]; then
  printf 'FAILED: %s\n' "${failures[@]}" >&2
  keep_logs=true
  exit 1
fi
echo "OK: every expected order event on orders.v1 exactly once and equal field for field, nothing else, no dead letters"
