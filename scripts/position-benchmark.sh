#!/usr/bin/env bash
# Position benchmark: the packaged position-service, fill to PositionChanged, on a devstack of its own (free ports,
# throwaway data; scripts/lib/devstack.sh). A load generator (benchmarks.jar, io.tradeflow.benchmarks.position.
# PositionLoad) stands in for execution-service: the order events that trading-core's Trader and paper venue
# (PaperReplay, as in scripts/execution-benchmark.sh) give for recorded BTCUSDT klines under benchmark symbols and
# BOTS_PER_SYMBOL paper bots per symbol (default 4: sma-crossover 5/20, 8/30, 3/12, rsi-reversion with shorts), every
# state of every order (entry fill, bracket NEWs, stop, target or exit fill, CANCELEDs), merged across the symbols by
# market time and cut after the run's last fill.
#
#   Run B (throughput, runs first): MAX_FILLS fills (default 20000) of MAX_SYMBOLS symbols (default 5, so 20 bots)
#     written to orders.v1 at full speed BEFORE position-service starts, so it works through a backlog. Fills/s from
#     the first to the last PositionChanged.producedAt (and over the second half alone), and from ready to the last.
#   Run A (latency at a live pace): LIVE_FILLS fills (default 1000) of LIVE_SYMBOLS other symbols (default 5) at
#     LIVE_RATE fills/s (default 50, so 20 s; half of run B's rate on an idle machine) into the service warmed by
#     run B; each record waits for Kafka's acknowledgement, the events between two fills follow the earlier one at
#     once.
#
# Latencies per PositionChanged of run A (ms, wall clock of one machine):
#   booked    = PositionChanged.producedAt - its fill's OrderUpdated.producedAt (producedAt is stamped when the
#               booking starts, before the PostgreSQL transaction)
#   on Kafka  = the positions.v1 record's Kafka timestamp - the OrderUpdated.producedAt (CreateTime: handed to the
#               producer after the commit)
# Checks (exit 1 if any fails): per run, position.trades holds one row per fill sent; the PositionChanged events on
# positions.v1 are exactly those trading-core's PositionBook gives for the same fills, field for field but
# producedAt, each once (no duplicate eventId); the service counted every fill booked once (no duplicate, no dead
# letter); orders.v1.dlq is empty.
#
#   scripts/position-benchmark.sh [--no-build]
#   MAX_FILLS=5000 LIVE_FILLS=500 JFR=true scripts/position-benchmark.sh --no-build
#
# JFR=true records position-service with JFR during run B (socket reads and parks of every length) into
# $work/run-b.jfr and prints where its input workers spent the time (PositionWaits); implies KEEP_WORK.
# SQL_LOG=true runs it with Hibernate's SQL log and counts run B's statements per fill (slower: not for the rates).
# Needs a JDK 21+, kcat, jq, curl and psql. Results: docs/benchmarks.md ("Positions (fill to PositionChanged)").
set -euo pipefail
export LC_ALL=C   # one sort order for sort and comm
cd "$(dirname "$0")/.."
source scripts/lib/devstack.sh

build=true
if [ "${1:-}" = "--no-build" ]; then build=false; shift; fi
[ $# -eq 0 ] || { echo "usage: scripts/position-benchmark.sh [--no-build]" >&2; exit 2; }
klines=data/klines/BTCUSDT-UM-1m-2023-11-15_to_2023-11-21.csv
bots_per_symbol=${BOTS_PER_SYMBOL:-4}
max_symbols=${MAX_SYMBOLS:-5}
max_fills=${MAX_FILLS:-20000}
live_symbols=${LIVE_SYMBOLS:-5}
live_fills=${LIVE_FILLS:-1000}
live_rate=${LIVE_RATE:-50}
jfr=${JFR:-false}
sql_log=${SQL_LOG:-false}
stage_timeout=${STAGE_TIMEOUT:-900}

for tool in kcat jq curl psql; do
  command -v "$tool" >/dev/null || { echo "position-benchmark: needs $tool on the PATH" >&2; exit 1; }
done
[ -f "$klines" ] || { echo "position-benchmark: no such file $klines" >&2; exit 1; }
bench_init position-benchmark
$jfr && keep_logs=true

if $build; then
  echo "Building position-service and the load generator (benchmarks) ..."
  ./mvnw -B -q package -DskipTests -pl position-service,benchmarks -am
fi
service_jar=position-service/target/quarkus-app/quarkus-run.jar
load_jar=benchmarks/target/benchmarks.jar
for jar in "$service_jar" "$load_jar"; do
  [ -f "$jar" ] || fail "$jar is missing; run without --no-build"
done
# kafka-clients finds no SLF4J binding in benchmarks.jar and says so on stderr; the rest of stderr is shown.
load() { "$java" -cp "$load_jar" io.tradeflow.benchmarks.position.PositionLoad "$@" 2> >(grep -v '^SLF4J' >&2); }
symbol_list() { # prefix count
  local i out=""
  for ((i = 1; i <= $2; i++)); do out+="${out:+,}$1${i}USDT"; done
  echo "$out"
}
# The position schema's counters, summed over its tables (Flyway's excluded): "rows-inserted rows-updated
# index-scans sequential-scans rows-read-by-sequential-scans".
table_stats() {
  sql "select coalesce(sum(n_tup_ins), 0), coalesce(sum(n_tup_upd), 0), coalesce(sum(idx_scan), 0),
         coalesce(sum(seq_scan), 0), coalesce(sum(seq_tup_read), 0)
       from pg_stat_user_tables where schemaname = 'position' and relname <> 'flyway_schema_history'" | tr '|' ' '
}

free_port http_port
echo "Load before: $(uptime | sed 's/.*load average/load average/')"
devstack_start

echo "Run B: writing the order events of $max_fills fills at full speed ..."
load run --bootstrap "$bootstrap" --klines "$klines" --symbols "$(symbol_list POSMAX "$max_symbols")" \
  --bots-per-symbol "$bots_per_symbol" --fills "$max_fills" --rate max --out "$work/B" >"$work/B.load"
value() { awk -v k="$2" '$1 == k { $1 = ""; sub(/^ /, ""); print }' "$work/$1"; }

service_env=()
if $jfr; then
  # Every socket read and write and every park, however short (the profile settings keep those over 1 or 10 ms and
  # at most 300 socket events/s): the input workers' waits for PostgreSQL and for Kafka's acknowledgements.
  "$JAVA_HOME/bin/jfr" configure --input profile jdk.SocketRead#threshold=0ms jdk.SocketRead#throttle=off \
    jdk.SocketWrite#threshold=0ms jdk.SocketWrite#throttle=off jdk.ThreadPark#threshold=0ms \
    --output "$work/benchmark.jfc" >/dev/null
  jvm_options+=("-XX:StartFlightRecording=name=benchmark,settings=$work/benchmark.jfc")
fi
$sql_log && service_env+=(QUARKUS_HIBERNATE_ORM_LOG_SQL=true QUARKUS_HIBERNATE_ORM_LOG_FORMAT_SQL=false)
commits_before=$(commits)
load_b_start=$(load1)
echo "Starting position-service (:$http_port) ..."
launched=$(now_ms)
env KAFKA_BOOTSTRAP_SERVERS="$bootstrap" QUARKUS_HTTP_PORT="$http_port" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$postgres_port/tradeflow" \
  QUARKUS_DATASOURCE_USERNAME=tradeflow QUARKUS_DATASOURCE_PASSWORD=tradeflow \
  QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$redis_port" "${service_env[@]}" \
  "$java" "${jvm_options[@]}" -jar "$service_jar" >"$work/position.log" 2>&1 &
pids+=($!)
service_pid=$!
await_ready position-service "$service_pid" "$http_port" "$work/position.log" \
  || { tail -20 "$work/position.log" >&2; fail "position-service not ready after 120 s"; }

expected_b=$(value B.load expected_positions)
await_records positions.v1 "$expected_b" "run B" position-service "$service_pid" "$work/position.log"
b_done=$reached_at
load_b_end=$(load1)
if $jfr; then
  "$JAVA_HOME/bin/jcmd" "$service_pid" JFR.stop name=benchmark filename="$work/run-b.jfr" >/dev/null
fi
# PostgreSQL flushes an idle connection's statistics within 10 s: wait for them before reading the counters.
sleep 11
commits_b=$(( $(commits) - commits_before ))
read -r inserted_b updated_b scans_b seq_scans_b seq_rows_b < <(table_stats)
sql "select relname, n_tup_ins, n_tup_upd, idx_scan, seq_scan, seq_tup_read, n_live_tup from pg_stat_user_tables
     where schemaname = 'position' order by relname" >"$work/B.tables"   # per table, for KEEP_WORK=true
if $sql_log; then
  # Hibernate's SQL log ("[Hibernate] select ...", coloured), one line per statement: count them by first word.
  sed 's/\x1b\[[0-9;]*m//g' "$work/position.log" | awk -v fills="$(value B.load fills)" '$1 == "[Hibernate]" { n[$2]++; all++ }
    END { for (w in n) printf "%s %d (%.2f per fill), ", w, n[w], n[w] / fills; printf "in all %d (%.2f per fill)\n", all, all / fills }' \
    >"$work/B.sql"
fi

echo "Run A: $live_fills fills at $live_rate fills/s ..."
load run --bootstrap "$bootstrap" --klines "$klines" --symbols "$(symbol_list POSLIVE "$live_symbols")" \
  --bots-per-symbol "$bots_per_symbol" --fills "$live_fills" --rate "$live_rate" --out "$work/A" >"$work/A.load"
expected_a=$(value A.load expected_positions)
await_records positions.v1 $((expected_b + expected_a)) "run A" position-service "$service_pid" "$work/position.log"
load_a_end=$(load1)

# positions.v1: "eventId symbol producedAt kafkaTimestamp" lines, and each event as compact JSON with producedAt 1
# (how the expected events are written).
kcat -b "$bootstrap" -C -t positions.v1 -e -q -f '%T\t%s\n' >"$work/positions.raw"
cut -f2- "$work/positions.raw" | jq -r '[.eventId, .symbol, .producedAt] | @tsv' \
  | paste - <(cut -f1 "$work/positions.raw") >"$work/positions.tsv"
cut -f2- "$work/positions.raw" | jq -c '.producedAt = 1' >"$work/positions.events"
metric() { # outcome: tradeflow_position_order_events_total{outcome=...}
  curl -s "http://127.0.0.1:$http_port/q/metrics" \
    | awk -v o="outcome=\"$1\"" '/^tradeflow_position_order_events_total\{/ && index($0, o) { n = $NF } END { print n + 0 }'
}
failures=()
dlq=$(records orders.v1.dlq)
[ "$dlq" -eq 0 ] || failures+=("$dlq records on orders.v1.dlq")
fills_sent=$(( $(value B.load fills) + $(value A.load fills) ))
booked=$(metric booked)
[ "$booked" -eq "$fills_sent" ] || failures+=("position-service counted $booked fills booked, $fills_sent were sent")
for outcome in duplicate dead_letter; do
  n=$(metric "$outcome")
  [ "$n" -eq 0 ] || failures+=("position-service counted $n order events $outcome")
done

# Per run: the checks, then "name value" lines in $work/$run.result.
check() { # run symbol-prefix
  local run=$1 prefix=$2 got distinct missing extra trades fills
  awk -F'\t' -v p="$prefix" 'index($2, p) == 1' "$work/positions.tsv" >"$work/$run-positions.tsv"
  got=$(wc -l <"$work/$run-positions.tsv")
  distinct=$(cut -f1 "$work/$run-positions.tsv" | sort -u | wc -l)
  # Whole events, but the moment of publication: ids, sequences, quantities, prices, PnL, fees, times.
  jq -c --arg p "$prefix" 'select(.symbol | startswith($p))' "$work/positions.events" | sort -u >"$work/$run-got.events"
  jq -c '.producedAt = 1' "$work/$run-expected.jsonl" | sort >"$work/$run-expected.events"
  missing=$(comm -23 "$work/$run-expected.events" "$work/$run-got.events" | wc -l)
  extra=$(comm -13 "$work/$run-expected.events" "$work/$run-got.events" | wc -l)
  trades=$(sql "select count(*) from position.trades where symbol like '$prefix%'")
  fills=$(value "$run.load" fills)
  [ "$trades" -eq "$fills" ] || failures+=("run $run: $trades rows in position.trades, $fills fills sent")
  [ "$got" -eq "$distinct" ] || failures+=("run $run: $got PositionChanged events but $distinct distinct eventIds")
  [ "$missing" -eq 0 ] || failures+=("run $run: $missing expected PositionChanged events missing or different, e.g. $(comm -23 "$work/$run-expected.events" "$work/$run-got.events" | awk 'NR == 1')")
  [ "$extra" -eq 0 ] || failures+=("run $run: $extra PositionChanged events not expected, e.g. $(comm -13 "$work/$run-expected.events" "$work/$run-got.events" | awk 'NR == 1')")
  # Per event: its fill's OrderUpdated.producedAt (the expected event names the order event, the manifest its time).
  awk -F'\t' 'FNR == 1 { file++ } file == 1 { sent[$1] = $3; next } file == 2 { order[$1] = $2; next }
    ($1 in order) { t = sent[order[$1]]; print $1 "\t" $3 - t "\t" $4 - t "\t" $3 }' \
    "$work/$run-sent.tsv" "$work/$run-expected.tsv" "$work/$run-positions.tsv" >"$work/$run-latency.tsv"
  {
    echo "events $got"; echo "events_distinct $distinct"; echo "missing $missing"; echo "extra $extra"
    echo "trades $trades"
  } >"$work/$run.result"
}
check B POSMAX
check A POSLIVE
{
  echo "booked $(cut -f2 "$work/A-latency.tsv" | percentiles)"
  echo "on_kafka $(cut -f3 "$work/A-latency.tsv" | percentiles)"
} >>"$work/A.result"

# Run B's rates: from the first to the last PositionChanged.producedAt; the second half from the middle event on.
sort -t$'\t' -k3,3n "$work/B-positions.tsv" | awk -F'\t' -v launched="$launched" -v ready="$ready_at" -v done="$b_done" \
  -v fills="$(value B.load fills)" -v events="$(value B.load order_events)" -v xacts="$commits_b" \
  -v ins="$inserted_b" -v upd="$updated_b" -v scans="$scans_b" -v seqs="$seq_scans_b" -v seqrows="$seq_rows_b" '
  { t[NR] = $3 }
  END {
    first = t[1]; last = t[NR]; mid = t[int((NR + 1) / 2)]; span = (last - first) / 1000
    printf "ready_after %.1f\nfirst_after %.1f\nlast_after %.1f\nall_polled_after %.1f\n",
      (ready - launched) / 1000, (first - launched) / 1000, (last - launched) / 1000, (done - launched) / 1000
    # One PositionChanged per fill here (the paper venue never reverses in one fill): events are fills.
    printf "span %.1f\nfills_rate %.0f\norder_events_rate %.0f\n", span, fills / span, events / span
    printf "fills_rate_second_half %.0f\n", (NR - int((NR + 1) / 2) + 1) / ((last - mid) / 1000)
    # Per fifth of the events (does the rate fall as the tables grow?).
    printf "fills_rate_by_fifth"
    for (f = 0; f < 5; f++) { a = int(f * NR / 5) + 1; b = int((f + 1) * NR / 5); printf " %.0f", (b - a + 1) / ((t[b] - t[a] + 1) / 1000) }
    printf "\n"
    printf "fills_rate_from_ready %.0f\n", fills / ((last - ready) / 1000)
    printf "db_commits %d\ndb_commits_per_fill %.2f\ndb_commits_per_order_event %.2f\n", xacts, xacts / fills, xacts / events
    printf "rows_per_fill %.2f inserted, %.2f updated; %.2f index scans, %.2f sequential scans reading %.0f rows\n",
      ins / fills, upd / fills, scans / fills, seqs / fills, seqrows / fills
  }' >>"$work/B.result"

r() { value "$1.result" "$2"; }
echo
echo "Load after: $(uptime | sed 's/.*load average/load average/'); $(nproc) cores; $("$java" -version 2>&1 | awk 'NR == 1')"
echo "Load average (1 min): run B $load_b_start to $load_b_end, run A to $load_a_end"
echo "Run B (max speed): $(value B.load fills) fills in $(value B.load order_events) order events of $(value B.load bots) bots on $(value B.load symbols) symbols ($(value B.load rows) klines each), written in $(value B.load write_ms) ms before the start"
echo "  position-service ready $(r B ready_after) s after launch; first PositionChanged $(r B first_after) s, last $(r B last_after) s"
echo "  first to last PositionChanged: $(r B span) s: $(r B fills_rate) fills/s ($(r B order_events_rate) order events/s); second half $(r B fills_rate_second_half) fills/s"
echo "  from ready to the last: $(r B fills_rate_from_ready) fills/s; by fifth of the run: $(r B fills_rate_by_fifth) fills/s"
echo "  PostgreSQL: $(r B db_commits) commits ($(r B db_commits_per_fill) per fill, $(r B db_commits_per_order_event) per order event); per fill: $(r B rows_per_fill)"
$sql_log && echo "  SQL statements of run B (Hibernate's log): $(cat "$work/B.sql")"
echo "  PositionChanged $(r B events) (distinct $(r B events_distinct), expected $expected_b, missing $(r B missing), unexpected $(r B extra)); trades rows $(r B trades)"
echo "Run A ($live_rate fills/s): $(value A.load fills) fills in $(value A.load order_events) order events of $(value A.load bots) bots, written in $(value A.load write_ms) ms (latest fill $(value A.load write_max_lag_ms) ms late)"
echo "  fill to PositionChanged booked   ms p50/p90/p99/max: $(r A booked)"
echo "  fill to PositionChanged on Kafka ms p50/p90/p99/max: $(r A on_kafka)"
echo "  PositionChanged $(r A events) (distinct $(r A events_distinct), expected $expected_a, missing $(r A missing), unexpected $(r A extra)); trades rows $(r A trades)"
echo "Service counters: booked $booked; dead letters on orders.v1.dlq: $dlq"
if $jfr; then
  echo "JFR of run B ($work/run-b.jfr), the input workers from the first to the last PositionChanged:"
  read -r b_first b_last < <(sort -t$'\t' -k3,3n "$work/B-positions.tsv" | awk -F'\t' 'NR == 1 { a = $3 } { b = $3 } END { print a, b }')
  "$java" -cp "$load_jar" io.tradeflow.benchmarks.position.PositionWaits "$work/run-b.jfr" "$b_first" "$b_last" | sed 's/^/  /'
fi
if [ ${#failures[@]} -gt 0 ]; then
  printf 'FAILED: %s\n' "${failures[@]}" >&2
  keep_logs=true
  exit 1
fi
echo "OK: every fill booked once, every expected PositionChanged on positions.v1 exactly once and equal field for field, nothing else, no dead letters"
