#!/usr/bin/env bash
# Replay benchmark: publishes recorded klines at speed max through the packaged market-data-service into a devstack
# of its own (free ports, throwaway data), checks that the topic holds every row exactly once with the CSV's values,
# and prints the throughput. By default the recorded week data/klines/BTCUSDT-UM-1m-2023-11-15_to_2023-11-21.csv
# (10080 rows).
#
#   scripts/replay-benchmark.sh [--no-build] [CSV_FILE ...]
#
# Needs a JDK 21+, kcat and jq (redis-cli, if present, shows the Redis list too). Results: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."

build=true
if [ "${1:-}" = "--no-build" ]; then build=false; shift; fi
[ $# -gt 0 ] || set -- data/klines/BTCUSDT-UM-1m-2023-11-15_to_2023-11-21.csv
topic=market.klines.v1
intervals='1m|3m|5m|15m|30m|1h|2h|4h|6h|8h|12h|1d|3d|1w|1M'

for tool in kcat jq; do
  command -v "$tool" >/dev/null || { echo "replay-benchmark: needs $tool on the PATH" >&2; exit 1; }
done
files=()
for file in "$@"; do
  [ -f "$file" ] || { echo "replay-benchmark: no such file $file" >&2; exit 1; }
  files+=("$(readlink -f "$file")")
done
JAVA_HOME=$(bin/java-home)
export JAVA_HOME
java="$JAVA_HOME/bin/java"

work=$(mktemp -d /var/tmp/tradeflow-replay-benchmark.XXXXXX)
# Readable by others: as root the devstack runs PostgreSQL as nobody, which must enter this folder.
chmod 755 "$work"
devstack_pid=""; service_pid=""
cleanup() {
  if [ -n "$service_pid" ]; then kill "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null || true; fi
  if [ -n "$devstack_pid" ]; then kill "$devstack_pid" 2>/dev/null && wait "$devstack_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# What the topic must hold: one line per data row, symbol and interval (from the file name, as the service derives
# them) then the CSV's text of open_time .. count, unchanged.
for file in "${files[@]}"; do
  name=$(basename "$file")
  symbol=${name%%-*}
  interval=$(echo "${name%.*}" | tr - '\n' | grep -xE "$intervals" | head -1)
  grep '^[0-9]' "$file" | tr -d '\r' | cut -d, -f1-9 | sed "s/^/$symbol,$interval,/"
done | sort >"$work/recorded.csv"
expected_rows=$(wc -l <"$work/recorded.csv")

if $build; then
  echo "Building trading-core, kline-files, service-support, devstack and market-data-service ..."
  ./mvnw -B -q install -pl trading-core,kline-files,service-support,devstack -DskipTests
  ./mvnw -B -q package -pl market-data-service -DskipTests
fi
app=market-data-service/target/quarkus-app/quarkus-run.jar
[ -f "$app" ] || { echo "replay-benchmark: $app is missing; run without --no-build" >&2; exit 1; }

# Ports below the kernel's ephemeral range, so that no outgoing connection takes one between its choice and its use.
ephemeral_low=$(awk '{ print $1 }' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
[ "$ephemeral_low" -gt 11000 ] || ephemeral_low=32768
free_port() {
  local port
  while :; do
    port=$((10000 + RANDOM % (ephemeral_low - 10000)))
    # Nothing answers on it: free (a port taken between here and its use makes the devstack refuse, naming it).
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}
kafka_port=$(free_port); controller_port=$(free_port); redis_port=$(free_port); postgres_port=$(free_port); http_port=$(free_port)
bootstrap=127.0.0.1:$kafka_port

echo "Starting a devstack (Kafka $bootstrap, Redis $redis_port) in $work ..."
bin/devstack --data-dir "$work/devstack" --kafka-port "$kafka_port" --kafka-controller-port "$controller_port" \
  --redis-port "$redis_port" --postgres-port "$postgres_port" >"$work/devstack.log" 2>&1 &
devstack_pid=$!
for _ in $(seq 1 240); do
  grep -q "devstack is up" "$work/devstack.log" && break
  kill -0 "$devstack_pid" 2>/dev/null || { cat "$work/devstack.log" >&2; exit 1; }
  sleep 0.5
done
grep -q "devstack is up" "$work/devstack.log" || { echo "replay-benchmark: the devstack did not start" >&2; cat "$work/devstack.log" >&2; exit 1; }

# Records on the topic: the sum over partitions of (last offset + 1); plain records only (no transactions here).
records_on_topic() {
  kcat -b "$bootstrap" -C -t "$topic" -o -1 -e -q -f '%o\n' 2>/dev/null | awk '{ n += $1 + 1 } END { print n + 0 }'
}

echo "Replaying $expected_rows rows of ${files[*]##*/} at speed max ..."
jvm_options=()
[ "$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')" -ge 24 ] \
  && jvm_options+=(--sun-misc-unsafe-memory-access=allow)
started=$(date +%s%N)
TRADEFLOW_MARKET_DATA_SOURCE=replay \
TRADEFLOW_MARKET_DATA_REPLAY_FILES="$(IFS=,; echo "${files[*]}")" \
TRADEFLOW_MARKET_DATA_REPLAY_SPEED=max \
KAFKA_BOOTSTRAP_SERVERS="$bootstrap" \
QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$redis_port" \
QUARKUS_HTTP_PORT="$http_port" \
  "$java" "${jvm_options[@]}" -jar "$app" >"$work/service.log" 2>&1 &
service_pid=$!

count=0
deadline=$(( $(date +%s) + 600 ))
while [ "$count" -lt "$expected_rows" ]; do
  kill -0 "$service_pid" 2>/dev/null || { echo "replay-benchmark: the service exited" >&2; cat "$work/service.log" >&2; exit 1; }
  [ "$(date +%s)" -lt "$deadline" ] || { echo "replay-benchmark: only $count of $expected_rows rows after 600 s" >&2; tail -50 "$work/service.log" >&2; exit 1; }
  sleep 0.1
  count=$(records_on_topic)
done
done_at=$(date +%s%N)
# Give a duplicate, if the service made one, time to reach the topic before the check.
sleep 2

echo "Checking the topic ..."
kcat -b "$bootstrap" -C -t "$topic" -e -q -f '%k\t%T\t%s\n' >"$work/topic.tsv"
on_topic=$(wc -l <"$work/topic.tsv")
cut -f3 "$work/topic.tsv" >"$work/events.json"
distinct_ids=$(jq -r .eventId "$work/events.json" | sort -u | wc -l)
wrong_keys=$(paste <(cut -f1 "$work/topic.tsv") <(jq -r .symbol "$work/events.json") | awk -F'\t' '$1 != $2' | wc -l)
not_replay=$(jq -r .source "$work/events.json" | grep -vcx replay || true)
jq -r '[.symbol, .interval, .openTime, .open, .high, .low, .close, .volume, .closeTime, .quoteVolume, .trades]
       | map(tostring) | join(",")' "$work/events.json" | sort >"$work/published.csv"
if cmp -s "$work/published.csv" "$work/recorded.csv"; then values=equal; else values=DIFFERENT; fi
first_ts=$(awk -F'\t' 'NR == 1 || $2 < m { m = $2 } END { print m }' "$work/topic.tsv")
last_ts=$(awk -F'\t' '$2 > m { m = $2 } END { print m }' "$work/topic.tsv")
summary=$(grep -o 'Replay completed: .*' "$work/service.log" || true)
quarkus_start=$(grep -o 'started in [0-9.]*s' "$work/service.log" || true)

echo
echo "rows in the CSV files          $expected_rows"
echo "records on the topic           $on_topic"
echo "distinct event ids             $distinct_ids"
echo "records not keyed by symbol    $wrong_keys"
echo "records not from the replay    $not_replay"
echo "values against the CSV         $values"
awk -v s="$started" -v d="$done_at" -v n="$expected_rows" -v f="$first_ts" -v l="$last_ts" 'BEGIN {
  wall = (d - s) / 1e9; span = (l - f) / 1000;
  printf "JVM launch to all on topic     %.2f s (%.0f rows/s; includes JVM and Quarkus start)\n", wall, n / wall;
  printf "first to last record timestamp %.3f s (%.0f rows/s; the replay itself)\n", span, (span > 0 ? n / span : 0) }'
echo "service                        ${quarkus_start:-?}; ${summary:-no summary line}"
if command -v redis-cli >/dev/null; then
  for file in "${files[@]}"; do
    name=$(basename "$file"); interval=$(echo "${name%.*}" | tr - '\n' | grep -xE "$intervals" | head -1)
    echo "Redis candles:${name%%-*}:$interval     $(redis-cli -p "$redis_port" llen "candles:${name%%-*}:$interval") klines"
  done
fi

if [ "$on_topic" -eq "$expected_rows" ] && [ "$distinct_ids" -eq "$expected_rows" ] && [ "$wrong_keys" -eq 0 ] \
   && [ "$not_replay" -eq 0 ] && [ "$values" = equal ]; then
  echo "OK: every row exactly once, values equal to the CSV"
else
  echo "replay-benchmark: FAILED the exactly-once / values check; logs and dumps kept in $work" >&2
  trap - EXIT
  kill "$service_pid" "$devstack_pid" 2>/dev/null || true
  exit 1
fi
