#!/usr/bin/env bash
# Pipeline benchmark: the packaged market-data-service, indicator-service and signal-service, end to end, on a
# devstack of their own (free ports, throwaway data), with one running sma-crossover bot (fast 5, slow 20) per symbol.
#
#   Run A (throughput): the recorded week data/klines/BTCUSDT-UM-1m-2023-11-15_to_2023-11-21.csv (10080 klines)
#     replayed at speed max: how long until every kline is on market.klines.v1, every snapshot on indicators.v1 and
#     signal-service has processed every snapshot; each stage's rows/s; the per-kline latencies.
#   Run B (latency at a live-like pace): the week's first LIVE_ROWS rows (default 1200), copied to a file named
#     ETHUSDT-... (wrong data for ETH, fine for timing), replayed at speed LIVE_SPEED (default 3000: 50 klines/s) by
#     a second market-data-service into the same, warmed services; the same latencies without queueing. Its first
#     LIVE_SKIP klines (default 200) are left out of the percentiles (a start-up burst, see live_skip below).
#
# Latencies, per kline, from the events' own producedAt (wall clock of one machine, ms):
#   indicator stage = snapshot.producedAt - kline.producedAt   (joined by event id)
#   signal stage    = signal.producedAt - snapshot.producedAt  (the snapshot of the signal's klineOpenTime)
#   kline to signal = signal.producedAt - kline.producedAt
# Checks: every kline on the topic once, one distinct snapshot per kline, signals > 0, no duplicate signal id, empty
# dead-letter topics. Exits 1 when a check fails (keeping the logs), 0 otherwise.
#
#   scripts/pipeline-benchmark.sh [--no-build]
#   LIVE_ROWS=600 LIVE_SPEED=3000 KEEP_WORK=true scripts/pipeline-benchmark.sh --no-build
#
# Needs a JDK 21+, kcat, jq and curl. Results: docs/benchmarks.md ("Pipeline end to end").
set -euo pipefail
cd "$(dirname "$0")/.."

build=true
if [ "${1:-}" = "--no-build" ]; then build=false; shift; fi
[ $# -eq 0 ] || { echo "usage: scripts/pipeline-benchmark.sh [--no-build]" >&2; exit 2; }
week=data/klines/BTCUSDT-UM-1m-2023-11-15_to_2023-11-21.csv
live_rows=${LIVE_ROWS:-1200}
live_speed=${LIVE_SPEED:-3000}
# Run B's first klines leave the percentiles: the replay's clock starts at its first row, which waits for the
# producer's first connection (about 1-2 s), so the rows due meanwhile go out in one burst and queue.
live_skip=${LIVE_SKIP:-200}
stage_timeout=${STAGE_TIMEOUT:-900}

for tool in kcat jq curl; do
  command -v "$tool" >/dev/null || { echo "pipeline-benchmark: needs $tool on the PATH" >&2; exit 1; }
done
[ -f "$week" ] || { echo "pipeline-benchmark: no such file $week" >&2; exit 1; }
JAVA_HOME=$(bin/java-home)
export JAVA_HOME
java="$JAVA_HOME/bin/java"

if $build; then
  echo "Building market-data-service, indicator-service and signal-service ..."
  ./mvnw -B -q package -DskipTests -pl market-data-service,indicator-service,signal-service -am
fi
for service in market-data-service indicator-service signal-service; do
  [ -f "$service/target/quarkus-app/quarkus-run.jar" ] \
    || { echo "pipeline-benchmark: $service/target/quarkus-app/quarkus-run.jar is missing; run without --no-build" >&2; exit 1; }
done

work=$(mktemp -d /var/tmp/tradeflow-pipeline-benchmark.XXXXXX)
# Readable by others: as root the devstack runs PostgreSQL as nobody, which must enter this folder.
chmod 755 "$work"
pids=()          # every process started here, stopped in reverse order on exit
keep_logs=${KEEP_WORK:-false}   # KEEP_WORK=true keeps the logs and topic dumps
cleanup() {
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[i]}" 2>/dev/null && wait "${pids[i]}" 2>/dev/null || true
  done
  if $keep_logs; then
    rm -rf "$work/devstack"
    echo "pipeline-benchmark: logs and topic dumps kept in $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
fail() {
  echo "pipeline-benchmark: $*" >&2
  keep_logs=true
  exit 1
}

# Ports below the kernel's ephemeral range (32768.. here), so that no outgoing connection (the services open many
# to Kafka) takes one between its choice and its use, and no port twice.
ephemeral_low=$(awk '{ print $1 }' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
[ "$ephemeral_low" -gt 11000 ] || ephemeral_low=32768
chosen=" "
free_port() { # variable: sets it to a free port
  local port
  while :; do
    port=$((10000 + RANDOM % (ephemeral_low - 10000)))
    case "$chosen" in *" $port "*) continue ;; esac
    # Nothing answers on it: free.
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then chosen+="$port "; printf -v "$1" %s "$port"; return; fi
  done
}
for name in kafka_port controller_port redis_port postgres_port indicator_port signal_port market_a_port market_b_port; do
  free_port "$name"
done
bootstrap=127.0.0.1:$kafka_port
now_ms() { date +%s%3N; }

echo "Load before: $(uptime | sed 's/.*load average/load average/')"
echo "Starting a devstack (Kafka $bootstrap, Redis $redis_port) in $work ..."
bin/devstack --data-dir "$work/devstack" --kafka-port "$kafka_port" --kafka-controller-port "$controller_port" \
  --redis-port "$redis_port" --postgres-port "$postgres_port" >"$work/devstack.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 240); do
  grep -q "devstack is up" "$work/devstack.log" && break
  kill -0 "${pids[0]}" 2>/dev/null || { cat "$work/devstack.log" >&2; fail "the devstack exited"; }
  sleep 0.5
done
grep -q "devstack is up" "$work/devstack.log" || { cat "$work/devstack.log" >&2; fail "the devstack did not start"; }

# The bots, before the services start (both read bots.v1 whole before their first kline or snapshot).
live_file="$work/ETHUSDT-UM-1m-2023-11-15.csv"
awk -v n="$live_rows" '/^[0-9]/ && ++i <= n' "$week" >"$live_file"
week_rows=$(grep -c '^[0-9]' "$week")
live_rows=$(wc -l <"$live_file")
[ "$live_skip" -lt "$live_rows" ] || live_skip=0
bot() { # id symbol
  local at; at=$(now_ms)
  printf '%s|{"eventId":"%s-%s","eventType":"BotDefinition","schemaVersion":1,"botId":"%s","name":"%s SMA 5/20 1m",' \
    "$1" "$1" "$at" "$1" "$2"
  printf '"market":"USD_M","symbol":"%s","interval":"1m","strategy":{"type":"sma-crossover","params":{"fast":"5","slow":"20"}},' "$2"
  printf '"risk":{"marginPerTrade":"100.00","leverage":10,"marginType":"ISOLATED","maxOpenPositions":1},'
  printf '"venue":"PAPER","status":"RUNNING","eventTime":%s,"producedAt":%s}\n' "$at" "$at"
}
{ bot bench-btc BTCUSDT; bot bench-eth ETHUSDT; } | kcat -b "$bootstrap" -t bots.v1 -P -K '|'
[ "$(kcat -b "$bootstrap" -C -t bots.v1 -e -q -f '%k\n' | sort -u | wc -l)" -eq 2 ] || fail "the bots are not on bots.v1"

jvm_options=()
[ "$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')" -ge 24 ] \
  && jvm_options+=(--sun-misc-unsafe-memory-access=allow)
start_service() { # name http-port log [VAR=value ...]
  local name=$1 port=$2 log=$3
  shift 3
  env KAFKA_BOOTSTRAP_SERVERS="$bootstrap" QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$redis_port" \
    QUARKUS_HTTP_PORT="$port" "$@" \
    "$java" "${jvm_options[@]}" -jar "$name/target/quarkus-app/quarkus-run.jar" >"$work/$log" 2>&1 &
  pids+=($!)
}
alive() { # pid log
  kill -0 "$1" 2>/dev/null || { tail -40 "$work/$2" >&2; fail "$2: the service exited"; }
}
await_ready() { # pid port log
  local code
  for _ in $(seq 1 600); do
    alive "$1" "$3"
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$2/q/health/ready" || true)
    [ "$code" = 200 ] && return
    sleep 0.2
  done
  tail -40 "$work/$3" >&2
  fail "$3: not ready after 120 s"
}
metric() { # port name: the sum of the counter over its labels
  curl -s "http://127.0.0.1:$1/q/metrics" | awk -v m="$2" 'index($0, m "{") == 1 || index($0, m " ") == 1 { s += $NF }
    END { printf "%d\n", s }'
}
records() { # topic: the sum over partitions of (last offset + 1); plain records only
  kcat -b "$bootstrap" -C -t "$1" -o -1 -e -q -f '%o\n' 2>/dev/null | awk '{ n += $1 + 1 } END { print n + 0 }'
}

echo "Starting indicator-service (:$indicator_port) and signal-service (:$signal_port) ..."
start_service indicator-service "$indicator_port" indicator.log
indicator_pid=${pids[-1]}
start_service signal-service "$signal_port" signal.log
signal_pid=${pids[-1]}
await_ready "$indicator_pid" "$indicator_port" indicator.log
await_ready "$signal_pid" "$signal_port" signal.log

failures=()
# One run: a market-data-service replaying FILE at SPEED; waits until signal-service has processed every kline
# and signals.v1 stopped growing, then measures and checks. Results go to $work/$run.result (name value lines).
run() { # run symbol file rows speed port skip (the first SKIP klines are left out of the percentiles)
  local run=$1 symbol=$2 file=$3 rows=$4 speed=$5 port=$6 skip=$7
  local ind_base sig_base started ind_done="" sig_done="" market_pid now ind sig deadline
  ind_base=$(metric "$indicator_port" tradeflow_klines_processed_total)
  sig_base=$(metric "$signal_port" tradeflow_snapshots_processed_total)
  echo "Run $run: $rows klines of $symbol at speed $speed ..."
  started=$(now_ms)
  start_service market-data-service "$port" "market-$run.log" TRADEFLOW_MARKET_DATA_SOURCE=replay \
    TRADEFLOW_MARKET_DATA_REPLAY_FILES="$(readlink -f "$file")" TRADEFLOW_MARKET_DATA_REPLAY_SPEED="$speed"
  market_pid=${pids[-1]}
  deadline=$(( $(date +%s) + stage_timeout ))
  while [ -z "$sig_done" ]; do
    alive "$market_pid" "market-$run.log"; alive "$indicator_pid" indicator.log; alive "$signal_pid" signal.log
    [ "$(date +%s)" -lt "$deadline" ] || fail "run $run: not through the pipeline after $stage_timeout s (indicator-service ${ind:-?}, signal-service ${sig:-?} of $rows)"
    sleep 0.1
    ind=$(( $(metric "$indicator_port" tradeflow_klines_processed_total) - ind_base ))
    sig=$(( $(metric "$signal_port" tradeflow_snapshots_processed_total) - sig_base ))
    now=$(now_ms)
    [ -z "$ind_done" ] && [ "$ind" -ge "$rows" ] && ind_done=$now
    [ "$sig" -ge "$rows" ] && sig_done=$now
  done
  [ -n "$ind_done" ] || ind_done=$sig_done
  # signals.v1 stops growing: the same count three seconds in a row.
  local last=-1 same=0 count
  while [ "$same" -lt 3 ]; do
    count=$(records signals.v1)
    if [ "$count" -eq "$last" ]; then same=$((same + 1)); else same=0; last=$count; fi
    sleep 1
  done
  grep -o 'Replay completed: .*' "$work/market-$run.log" | sed "s/^/  market-data-service $run: /" || true
  kill "$market_pid" 2>/dev/null && wait "$market_pid" 2>/dev/null || true

  kcat -b "$bootstrap" -C -t market.klines.v1 -e -q -f '%s\n' | jq -c --arg s "$symbol" 'select(.symbol == $s)' >"$work/$run-klines.json"
  kcat -b "$bootstrap" -C -t indicators.v1 -e -q -f '%s\n' | jq -c --arg s "$symbol" 'select(.symbol == $s)' >"$work/$run-snapshots.json"
  kcat -b "$bootstrap" -C -t signals.v1 -e -q -f '%s\n' | jq -c --arg s "$symbol" 'select(.symbol == $s and .eventType == "SignalGenerated")' >"$work/$run-signals.json"
  kcat -b "$bootstrap" -C -t signals.v1 -e -q -f '%s\n' | jq -c --arg s "$symbol" 'select(.symbol == $s and .eventType == "SignalWatermark")' >"$work/$run-watermarks.json"
  echo "  watermarks $run: $(wc -l <"$work/$run-watermarks.json") records, $(jq -r .eventId "$work/$run-watermarks.json" | sort -u | wc -l) distinct, of $rows klines"
  jq -r '[.eventId, .producedAt] | @tsv' "$work/$run-klines.json" | sort -k1,1 -k2,2n >"$work/$run-k.tsv"
  jq -r '[.eventId, .producedAt] | @tsv' "$work/$run-snapshots.json" | sort -k1,1 -k2,2n >"$work/$run-s.tsv"
  jq -r '[.symbol + "-" + .interval + "-" + (.klineOpenTime | tostring), .producedAt, .signalId] | @tsv' \
    "$work/$run-signals.json" >"$work/$run-g.tsv"

  local kline_records kline_ids snap_records snap_ids signals signal_ids
  kline_records=$(wc -l <"$work/$run-k.tsv"); kline_ids=$(cut -f1 "$work/$run-k.tsv" | sort -u | wc -l)
  snap_records=$(wc -l <"$work/$run-s.tsv"); snap_ids=$(cut -f1 "$work/$run-s.tsv" | sort -u | wc -l)
  signals=$(wc -l <"$work/$run-g.tsv"); signal_ids=$(cut -f3 "$work/$run-g.tsv" | sort -u | wc -l)
  [ "$kline_records" -eq "$rows" ] && [ "$kline_ids" -eq "$rows" ] || failures+=("run $run: $kline_records klines on the topic, $kline_ids distinct, not $rows")
  [ "$snap_ids" -eq "$rows" ] || failures+=("run $run: $snap_ids distinct snapshots, not $rows")
  [ "$signals" -gt 0 ] || failures+=("run $run: no signal")
  [ "$signal_ids" -eq "$signals" ] || failures+=("run $run: $signals signals but $signal_ids distinct ids")

  # Latencies (ms), as "openTime<TAB>ms". A repeated snapshot (same event id) counts with its first producedAt.
  awk -F'\t' 'NR == FNR { if (!($1 in k)) k[$1] = $2; next }
    !($1 in s) { s[$1] = $2; if ($1 in k) { n = split($1, id, "-"); print id[n] "\t" $2 - k[$1] } }' \
    "$work/$run-k.tsv" "$work/$run-s.tsv" >"$work/$run-lat-indicator"
  awk -F'\t' 'NR == FNR { if (!($1 in s)) s[$1] = $2; next } ($1 in s) { n = split($1, id, "-"); print id[n] "\t" $2 - s[$1] }' \
    "$work/$run-s.tsv" "$work/$run-g.tsv" >"$work/$run-lat-signal"
  awk -F'\t' 'NR == FNR { if (!($1 in k)) k[$1] = $2; next } ($1 in k) { n = split($1, id, "-"); print id[n] "\t" $2 - k[$1] }' \
    "$work/$run-k.tsv" "$work/$run-g.tsv" >"$work/$run-lat-total"
  # The open time from which klines count in the percentiles.
  local from
  from=$(awk -F, -v n="$((skip + 1))" '/^[0-9]/ && ++i == n { print $1 }' "$file")
  [ "$(wc -l <"$work/$run-lat-indicator")" -eq "$rows" ] || failures+=("run $run: not every kline has its snapshot")
  [ "$(wc -l <"$work/$run-lat-signal")" -eq "$signals" ] || failures+=("run $run: a signal without its snapshot")

  local k_first k_last s_first s_last
  read -r k_first k_last < <(awk -F'\t' 'NR == 1 || $2 < a { a = $2 } $2 > b { b = $2 } END { print a, b }' "$work/$run-k.tsv")
  read -r s_first s_last < <(awk -F'\t' 'NR == 1 || $2 < a { a = $2 } $2 > b { b = $2 } END { print a, b }' "$work/$run-s.tsv")
  {
    echo "rows $rows"; echo "speed $speed"
    echo "kline_records $kline_records"; echo "snapshot_records $snap_records"; echo "snapshot_ids $snap_ids"
    echo "signals $signals"; echo "signal_ids $signal_ids"
    awk -v t0="$started" -v a="$k_first" -v b="$k_last" -v c="$s_first" -v d="$s_last" -v e="$ind_done" -v f="$sig_done" -v n="$rows" 'BEGIN {
      printf "klines_at %.2f\nklines_rate %.0f\n", (b - t0) / 1000, n * 1000 / (b - a > 0 ? b - a : 1)
      printf "snapshots_at %.2f\nsnapshots_rate %.0f\n", (d - t0) / 1000, n * 1000 / (d - c > 0 ? d - c : 1)
      printf "signal_done_at %.2f\nsignal_rate %.0f\n", (f - t0) / 1000, n * 1000 / (f - c > 0 ? f - c : 1)
      printf "indicator_polled_at %.2f\n", (e - t0) / 1000 }'
    echo "skipped $skip"
    echo "lat_indicator_all_max $(cut -f2 "$work/$run-lat-indicator" | sort -n | awk 'END { print $1 + 0 }')"
    for stage in indicator signal total; do
      awk -F'\t' -v from="$from" '$1 >= from { print $2 }' "$work/$run-lat-$stage" | sort -n | awk -v s="$stage" '{ a[NR] = $1 }
        function at(p,  i) { i = int(p * NR / 100); if (i < p * NR / 100) i++; if (i < 1) i = 1; return a[i] }
        END { if (NR == 0) printf "lat_%s -\n", s; else printf "lat_%s %d/%d/%d/%d (n=%d)\n", s, at(50), at(90), at(99), a[NR], NR }'
    done
  } >"$work/$run.result"
}

run A BTCUSDT "$week" "$week_rows" max "$market_a_port" 0
run B ETHUSDT "$live_file" "$live_rows" "$live_speed" "$market_b_port" "$live_skip"

dlq=0
for topic in market.klines.v1.dlq indicators.v1.dlq bots.v1.dlq; do
  dlq=$((dlq + $(records "$topic")))
done
[ "$dlq" -eq 0 ] || failures+=("$dlq records on the dead-letter topics")

value() { awk -v k="$2" '$1 == k { $1 = ""; sub(/^ /, ""); print }' "$work/$1.result"; }
echo
echo "Load after: $(uptime | sed 's/.*load average/load average/'); $(nproc) cores; $("$java" -version 2>&1 | awk 'NR == 1')"
printf '%-42s %-32s %-32s\n' "" "A: week, speed max" "B: live-like, speed $live_speed"
row() { printf '%-42s %-32s %-32s\n' "$1" "$(value A "$2")" "$(value B "$2")"; }
row "klines (rows)" rows
row "last kline handed to Kafka, s after launch" klines_at
row "  market-data rows/s (first to last)" klines_rate
row "last snapshot, s after launch" snapshots_at
row "  indicator rows/s (first to last)" snapshots_rate
row "signal-service done (polled), s" signal_done_at
row "  signal rows/s (first snapshot to done)" signal_rate
row "snapshots on topic / distinct" snapshot_records
row "signals / distinct ids" signals
row "indicator ms p50/p90/p99/max" lat_indicator
row "signal ms p50/p90/p99/max" lat_signal
row "kline to signal ms p50/p90/p99/max" lat_total
row "klines left out of the percentiles" skipped
row "indicator ms max incl. those" lat_indicator_all_max
echo "(snapshot distinct ids: A $(value A snapshot_ids), B $(value B snapshot_ids); signal ids: A $(value A signal_ids), B $(value B signal_ids); dead letters: $dlq)"

if [ ${#failures[@]} -gt 0 ]; then
  printf 'FAILED: %s\n' "${failures[@]}" >&2
  keep_logs=true
  exit 1
fi
echo "OK: every kline once, one distinct snapshot per kline, signals without duplicates, no dead letters"
