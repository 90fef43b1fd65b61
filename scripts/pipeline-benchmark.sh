#!/usr/bin/env bash
# Pipeline benchmark, old design against new: the packaged market-data-service, indicator-service and
# signal-service, end to end, each design on a devstack of its own (free ports, throwaway data) with the same input
# and one running sma-crossover bot (fast 5, slow 20) per symbol. Old = OLD_REV (default d208456, the last commit
# before issue 14's Kafka Streams rebuild), checked out with `git worktree add` into the run's folder and built
# there; new = this working tree.
#
# Input: a month of 1-minute klines over several symbols (default 8 symbols x 31 days = 357 120 klines), built at
# run time from the recorded week data/klines/BTCUSDT-UM-1m-2023-11-15_to_2023-11-21.csv: each symbol starts a
# recorded day later than the previous one and repeats the week, with open and close times moved to run on
# (OHLC as recorded). One market-data-service replays all symbols' files (tradeflow.market-data.replay.files).
#   Run W (warm-up, throughput from cold JVMs): WARMUP_DAYS (default DAYS) of the same symbols before run A's month,
#     at speed max, by a market-data-service of its own, measured as run A is. The services' and the broker's JVMs
#     start with it, so their JIT compilers run through it (about 40 % of each JVM's CPU in a month-long run from
#     cold, docs/benchmarks.md "Fifth pass"); run A then finds the stages and the broker warm, as in a running
#     installation (its market-data-service is a new JVM, as a replay job is). WARMUP_DAYS=0: no run W.
#   Run A (throughput): the month at replay speed max. Klines/s per stage from the first to the last producedAt on
#     its output topic (market.klines.v1, indicators.v1, the watermarks on signals.v1), end to end from the first
#     kline to the last watermark; each process's CPU seconds from /proc/<pid>/stat (and the machine's, to show how
#     much other work took); the Kafka Streams stream threads' commit and poll latencies from their metrics.
#   Run B (latency at a live pace): the next LIVE_ROWS minutes of the same symbols (warm series), at LIVE_RATE
#     klines/s over all symbols (every symbol's kline of a minute at once, as a live market closes them), by a
#     second market-data-service into the same services. Per kline, from the events' own producedAt (one machine's
#     wall clock, ms; p50/p95/p99/max, nearest rank): indicator = snapshot - kline, signal = watermark - snapshot,
#     kline to watermark (every kline), kline to signal (the klines that gave a signal); and, as a consumer of the
#     topics sees them (a read_committed kcat following indicators.v1 and one following signals.v1, each record
#     stamped when received): the signal hop split into snapshot to snapshot readable (indicator-service's commit)
#     and readable to watermark (signal-service's pick-up), kline to watermark readable and kline to signal
#     readable (signal-service's commit included, which producedAt is not).
#     The klines due before market-data's first send plus 1 s are left out (its start-up burst).
# Checks, per design and run: every kline on the topic once, exactly one snapshot per kline (records = distinct =
# klines, read read_committed), signals > 0 in run A and none twice, a watermark for every kline, no dead letter on
# any *.dlq topic; between the designs: the same signals, the same snapshot values. Exit 1 when a check of the new
# design or a comparison fails (keeping the logs); the old design's failed checks are printed as findings only.
#
#   scripts/pipeline-benchmark.sh              # builds the new design, builds OLD_REV in a worktree, runs it all
#   scripts/pipeline-benchmark.sh --quick      # 2 symbols x 2 days, 2 x 300 live minutes: to try the script
#   scripts/pipeline-benchmark.sh --no-build   # reuses this tree's packaged services (OLD_REV is still built)
#   SYMBOLS=4 DAYS=7 LIVE_ROWS=300 LIVE_RATE=100 DESIGNS=new KEEP_WORK=true PROFILE=true scripts/pipeline-benchmark.sh
# Settings: SYMBOLS, DAYS, WARMUP_DAYS, LIVE_ROWS (minutes per symbol), LIVE_RATE (klines/s over all symbols, default 50),
# DESIGNS ("old new", or one of them), OLD_REV, OLD_DIR (a checkout of OLD_REV already packaged: no worktree, no
# build), STAGE_TIMEOUT (s per run, default 5400), PROFILE=true (JFR of each service in run A: where its CPU went),
# KEEP_WORK=true (keep logs and topic dumps), MAVEN_OFFLINE=false (let Maven download), BUILD_LOCK=file (build
# under flock of that file, when other builds share the machine).
#
# On 2 cores the quick run takes 5 to 10 minutes, the full one about 40 with the default OLD_REV (13 minutes each for
# its runs W and A, at about 470 klines/s; both builds included), about 12 against a Kafka Streams OLD_REV. Needs a
# JDK 21+, git, kcat, jq and curl. Results: docs/benchmarks.md ("Pipeline end to end").
set -euo pipefail
cd "$(dirname "$0")/.."
lib=scripts/pipeline-benchmark

usage() { sed -n 's/^#   \(scripts\/pipeline-benchmark.sh.*\)/  \1/p' "$0"; }
build=true
quick=false
while [ $# -gt 0 ]; do
  case $1 in
    --no-build) build=false ;;
    --quick) quick=true ;;
    -h | --help) usage; exit 0 ;;
    *) echo "pipeline-benchmark: unknown argument $1; usage:" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
if $quick; then
  symbol_count=${SYMBOLS:-2}; days=${DAYS:-2}; live_rows=${LIVE_ROWS:-300}
else
  symbol_count=${SYMBOLS:-8}; days=${DAYS:-31}; live_rows=${LIVE_ROWS:-300}
fi
warmup_days=${WARMUP_DAYS:-$days}
live_rate=${LIVE_RATE:-50}
old_rev=${OLD_REV:-d208456}
read -r -a designs <<<"${DESIGNS:-old new}"
stage_timeout=${STAGE_TIMEOUT:-5400}
profile=${PROFILE:-false}
week=data/klines/BTCUSDT-UM-1m-2023-11-15_to_2023-11-21.csv

for tool in git kcat jq curl; do
  command -v "$tool" >/dev/null || { echo "pipeline-benchmark: needs $tool on the PATH" >&2; exit 1; }
done
[ -f "$week" ] || { echo "pipeline-benchmark: no such file $week" >&2; exit 1; }
for design in "${designs[@]}"; do
  case $design in old | new) ;; *) echo "pipeline-benchmark: DESIGNS holds '$design'; it takes old and new" >&2; exit 2 ;; esac
done
JAVA_HOME=$(bin/java-home)
export JAVA_HOME
java="$JAVA_HOME/bin/java"
services=(market-data-service indicator-service signal-service)
begun=$(date +%s)

work=$(mktemp -d /var/tmp/tradeflow-pipeline-benchmark.XXXXXX)
chmod 755 "$work"
# shellcheck source=pipeline-benchmark/processes.sh
. "$lib/processes.sh"
trap cleanup EXIT
# shellcheck source=pipeline-benchmark/design.sh
. "$lib/design.sh"
# shellcheck source=pipeline-benchmark/measure.sh
. "$lib/measure.sh"

maven_package() { # folder: packages the three services and what they need there
  local command=(./mvnw -B -q -DskipTests package -pl market-data-service,indicator-service,signal-service -am)
  [ "${MAVEN_OFFLINE:-true}" = false ] || command+=(-o)
  [ -z "${BUILD_LOCK:-}" ] || command=(flock "$BUILD_LOCK" "${command[@]}")
  (cd "$1" && "${command[@]}") >"$work/build-$(basename "$1").log" 2>&1 || {
    tail -30 "$work/build-$(basename "$1").log" >&2
    fail "the build in $1 failed (offline; MAVEN_OFFLINE=false lets Maven download what is missing)"
  }
}
new_rev="$(git rev-parse --short HEAD)"
# What the new design is built from besides HEAD: the modules with uncommitted changes.
changed=$(git status --porcelain -- "${services[@]}" trading-core service-support pom.xml | awk '{ split($2, p, "/"); print p[1] }' | sort -u | tr '\n' ' ')
[ -z "$changed" ] || new_rev+="+changes"
for design in "${designs[@]}"; do
  mkdir -p "$work/apps-$design"
  if [ "$design" = new ]; then
    if $build; then echo "Building the new design (this working tree, $new_rev) ..."; maven_package "$PWD"; fi
    # Copies: other builds in this tree must not change the jars under the running services.
    for service in "${services[@]}"; do
      [ -f "$service/target/quarkus-app/quarkus-run.jar" ] \
        || fail "$service/target/quarkus-app/quarkus-run.jar is missing; run without --no-build"
      cp -r "$service/target/quarkus-app" "$work/apps-new/$service"
    done
  else
    old_src=${OLD_DIR:-}
    if [ -z "$old_src" ]; then
      old_src="$work/old-src"
      git worktree add --detach --quiet "$old_src" "$old_rev" || fail "cannot check out OLD_REV=$old_rev"
      old_worktree=$old_src
      echo "Building the old design ($old_rev) in $old_src ..."
      maven_package "$old_src"
    fi
    old_rev="$(git -C "$old_src" rev-parse --short HEAD)"
    for service in "${services[@]}"; do
      [ -f "$old_src/$service/target/quarkus-app/quarkus-run.jar" ] || fail "$old_src/$service is not packaged"
      ln -s "$(readlink -f "$old_src/$service/target/quarkus-app")" "$work/apps-old/$service"
    done
  fi
done

# The input: run W's days, run A's month after them and run B's following minutes, the same symbols.
names=(BTCUSDT ETHUSDT BNBUSDT SOLUSDT XRPUSDT ADAUSDT DOGEUSDT LINKUSDT)
symbols=()
for ((i = 0; i < symbol_count; i++)); do symbols+=("${names[i]:-BENCH$((i + 1))USDT}"); done
minutes_w=$((warmup_days * 1440))
minutes_a=$((days * 1440))
rows_w=$((symbol_count * minutes_w))
rows_a=$((symbol_count * minutes_a))
rows_b=$((symbol_count * live_rows))
first_open_w=$(awk -F, '/^[0-9]/ { print $1; exit }' "$week")
first_open=$((first_open_w + minutes_w * 60000))
end_a=$((first_open + minutes_a * 60000))
end_b=$((end_a + live_rows * 60000))
# Recorded ms per wall-clock ms: each symbol gets LIVE_RATE / symbols klines a second.
live_speed=$(awk -v r="$live_rate" -v n="$symbol_count" 'BEGIN { printf "%g\n", r * 60 / n }')
day() { date -u -d "@$(($1 / 1000))" +%Y-%m-%d; }
month_input() { # run first-minute last-minute suffix: that run's CSV files, one per symbol, in $work/input/<run>
  mkdir -p "$work/input/$1"
  awk -v symbols="${symbols[*]}" -v first="$2" -v last="$3" -v dir="$work/input/$1" -v suffix="$4" \
    -f "$lib/month-klines.awk" "$week"
  ls "$work/input/$1"/*.csv | paste -sd, -
}
runs=(A B)
files_w=""
if [ "$minutes_w" -gt 0 ]; then
  runs=(W A B)
  files_w=$(month_input W 0 "$minutes_w" "$(day "$first_open_w")_to_$(day $((first_open - 1)))")
fi
files_a=$(month_input A "$minutes_w" "$((minutes_w + minutes_a))" "$(day "$first_open")_to_$(day $((end_a - 1)))")
files_b=$(month_input B "$((minutes_w + minutes_a))" "$((minutes_w + minutes_a + live_rows))" "$(day "$end_a")_live")
echo "Input: ${files_w:+run W $rows_w klines ($warmup_days days each), }run A $rows_a klines (${symbols[*]}," \
  "$days days each), run B $rows_b klines ($live_rows minutes each at $live_rate klines/s)"

echo "Load before: $(uptime | sed 's/.*load average/load average/')"
for design in "${designs[@]}"; do
  run_design "$design"
  [ -z "$files_w" ] || measure_run "$design" W "$rows_w" "$first_open_w" "$first_open" 0
  measure_run "$design" A "$rows_a" "$first_open" "$end_a" 0
  measure_run "$design" B "$rows_b" "$end_a" "$end_b" "$live_speed"
done
[ ${#designs[@]} -lt 2 ] || compare_designs old new
echo "Load after: $(uptime | sed 's/.*load average/load average/')"

# shellcheck source=pipeline-benchmark/report.sh
. "$lib/report.sh"
