# Sourced by scripts/pipeline-benchmark.sh: one design (old or new) through both runs, on a devstack of its own.
# Uses $work, $java, $symbols, the run sizes and the helpers of processes.sh; leaves its figures in $work/<design>/.

jvm_options=()
[ "$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')" -ge 24 ] \
  && jvm_options+=(--sun-misc-unsafe-memory-access=allow)

start_service() { # design service http-port log [VAR=value ...]: starts $work/apps-<design>/<service>
  local design=$1 service=$2 port=$3 log=$4
  shift 4
  local options=("${jvm_options[@]}")
  # Run A's market-data-service replays from its start: recorded from its start (the others from run A's start).
  if $profile && [ "$log" = market-A.log ]; then options+=(-XX:StartFlightRecording=name=bench,settings=profile); fi
  env KAFKA_BOOTSTRAP_SERVERS="$bootstrap" QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$redis_port" \
    QUARKUS_HTTP_PORT="$port" "$@" \
    "$java" "${options[@]}" -jar "$work/apps-$design/$service/quarkus-run.jar" >"$work/$design/$log" 2>&1 &
  pids+=($!)
}
alive() { # pid log
  kill -0 "$1" 2>/dev/null || { tail -40 "$2" >&2; fail "$2: the service exited"; }
}
await_ready() { # pid port log
  local code
  for _ in $(seq 1 600); do
    alive "$1" "$3"
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$2/q/health/ready" || true)
    [ "$code" = 200 ] && return
    sleep 0.2
  done
  tail -40 "$3" >&2
  fail "$3: not ready after 120 s"
}
metric() { # port name: the sum of the counter over its labels (0 when the service does not have it)
  curl -s "http://127.0.0.1:$1/q/metrics" | awk -v m="$2" 'index($0, m "{") == 1 || index($0, m " ") == 1 { s += $NF }
    END { printf "%d\n", s }'
}
end_offsets() { # topic: the sum of its partitions' end offsets (transaction markers included: for "still growing")
  local partitions args=() p
  partitions=$(kcat -b "$bootstrap" -L -t "$1" -J | jq '.topics[0].partitions | length')
  for ((p = 0; p < partitions; p++)); do args+=(-t "$1:$p:-1"); done
  kcat -b "$bootstrap" -Q "${args[@]}" | awk '{ n += $NF } END { print n + 0 }'
}

bot() { # symbol: a RUNNING sma-crossover bot (fast 5, slow 20) on the symbol's 1m klines, as a bots.v1 key|value line
  local at id
  at=$(now_ms)
  id="bench-$(echo "$1" | tr 'A-Z' 'a-z')"
  printf '%s|{"eventId":"%s-%s","eventType":"BotDefinition","schemaVersion":1,"botId":"%s","name":"%s SMA 5/20 1m",' \
    "$id" "$id" "$at" "$id" "$1"
  printf '"market":"USD_M","symbol":"%s","interval":"1m","strategy":{"type":"sma-crossover","params":{"fast":"5","slow":"20"}},' "$1"
  printf '"risk":{"marginPerTrade":"100.00","leverage":10,"marginType":"ISOLATED","maxOpenPositions":1},'
  printf '"venue":"PAPER","status":"RUNNING","eventTime":%s,"producedAt":%s}\n' "$at" "$at"
}

# Sums of CPU ticks: "market-data indicator signal kafka redis-postgres machine-busy machine-total".
cpu_snapshot() { # market-data-pid
  local others
  others=$(descendants "$devstack_pid" | tr '\n' ' ')
  # shellcheck disable=SC2086 # a list of pids
  echo "$(cpu_ticks "$1") $(cpu_ticks "$indicator_pid") $(cpu_ticks "$signal_pid") $(cpu_ticks "$devstack_pid") $(cpu_ticks $others) $(machine_ticks)"
}
# JIT and GC threads' ticks: "market-jit market-gc indicator-jit indicator-gc signal-jit signal-gc kafka-jit kafka-gc".
jvm_split_snapshot() { # market-data-pid (0 before its launch)
  local market="0 0"
  [ "$1" = 0 ] || market=$(jvm_split_ticks "$1")
  echo "$market $(jvm_split_ticks "$indicator_pid") $(jvm_split_ticks "$signal_pid") $(jvm_split_ticks "$devstack_pid")"
}

# One run: a market-data-service replaying FILES at SPEED until signal-service has taken every kline and
# signals.v1 stopped growing. Writes $work/<design>/<run>.run: launch time, CPU ticks before and after.
watch_topic() { # topic file: "µs since the epoch <TAB> record" for every record of the topic from its end, stamped
  # when a read_committed reader (as the next stage or execution-service reads) receives it: the moment it became
  # readable, the writing stage's commit included (a record's producedAt is stamped before that commit). Bash's
  # EPOCHREALTIME: no fork per line.
  kcat -b "$bootstrap" -C -t "$1" -o end -u -q -X isolation.level=read_committed -f '%s\n' \
    | while IFS= read -r line; do printf '%s\t%s\n' "${EPOCHREALTIME/./}" "$line"; done >"$2"
}
replay() { # design run files rows speed port [VAR=value ...]
  local design=$1 run=$2 files=$3 rows=$4 speed=$5 port=$6
  shift 6
  local dir="$work/$design" ind_base sig_base launched market_pid cpu_before cpu_after jvm_before jvm_after deadline next_report
  local ind=0 sig=0 published=0
  ind_base=$(metric "$indicator_port" tradeflow_klines_processed_total)
  sig_base=$(metric "$signal_port" tradeflow_snapshots_processed_total)
  echo "[$design] run $run: $rows klines at speed $speed ..."
  local profiled=false
  if $profile && [ "$run" = A ]; then
    profiled=true
    "$JAVA_HOME/bin/jcmd" "$indicator_pid" JFR.start name=bench settings=profile >/dev/null
    "$JAVA_HOME/bin/jcmd" "$signal_pid" JFR.start name=bench settings=profile >/dev/null
  fi
  # Each poll scrapes two services' metrics (Kafka Streams' are many), which costs them CPU: not too often.
  local poll=2
  [ "$speed" != max ] || poll=5
  if [ "$run" = B ]; then
    watch_topic indicators.v1 "$dir/B-snapshots-seen.tsv" &
    readers+=($!)
    watch_topic signals.v1 "$dir/B-seen.tsv" &
    readers+=($!)
    sleep 2 # their assignment and first fetch, before the first kline
  fi
  cpu_before=$(cpu_snapshot 0)
  jvm_before=$(jvm_split_snapshot 0)
  launched=$(now_ms)
  start_service "$design" market-data-service "$port" "market-$run.log" TRADEFLOW_MARKET_DATA_SOURCE=replay \
    TRADEFLOW_MARKET_DATA_REPLAY_FILES="$files" TRADEFLOW_MARKET_DATA_REPLAY_SPEED="$speed" "$@"
  market_pid=${pids[-1]}
  deadline=$(( $(date +%s) + stage_timeout ))
  next_report=$(( $(date +%s) + 30 ))
  while [ "$sig" -lt "$rows" ]; do
    sleep "$poll"
    alive "$market_pid" "$dir/market-$run.log"; alive "$indicator_pid" "$dir/indicator.log"; alive "$signal_pid" "$dir/signal.log"
    ind=$(( $(metric "$indicator_port" tradeflow_klines_processed_total) - ind_base ))
    sig=$(( $(metric "$signal_port" tradeflow_snapshots_processed_total) - sig_base ))
    if [ "$(date +%s)" -ge "$next_report" ]; then
      published=$(metric "$port" tradeflow_klines_published_total)
      echo "  $(( ($(now_ms) - launched) / 1000 )) s: market-data $published, indicator-service $ind, signal-service $sig of $rows"
      next_report=$((next_report + 30))
    fi
    [ "$(date +%s)" -lt "$deadline" ] \
      || fail "[$design] run $run: not through the pipeline after $stage_timeout s (indicator-service $ind, signal-service $sig of $rows; STAGE_TIMEOUT=seconds allows more)"
  done
  cpu_after=$(cpu_snapshot "$market_pid")
  jvm_after=$(jvm_split_snapshot "$market_pid")
  local done_at
  done_at=$(now_ms)
  # The services' own metrics as the run ends (Kafka Streams': commit and poll latencies, over its last minute).
  curl -s "http://127.0.0.1:$indicator_port/q/metrics" >"$dir/$run-indicator.metrics" || true
  curl -s "http://127.0.0.1:$signal_port/q/metrics" >"$dir/$run-signal.metrics" || true
  if $profiled; then
    "$JAVA_HOME/bin/jcmd" "$market_pid" JFR.stop name=bench filename="$dir/market-A.jfr" >/dev/null
    "$JAVA_HOME/bin/jcmd" "$indicator_pid" JFR.stop name=bench filename="$dir/indicator-A.jfr" >/dev/null
    "$JAVA_HOME/bin/jcmd" "$signal_pid" JFR.stop name=bench filename="$dir/signal-A.jfr" >/dev/null
  fi
  # signals.v1 stops growing: the same end offsets three seconds in a row.
  local last=-1 same=0 count
  while [ "$same" -lt 3 ]; do
    count=$(end_offsets signals.v1)
    if [ "$count" -eq "$last" ]; then same=$((same + 1)); else same=0; last=$count; fi
    sleep 1
  done
  stop_readers
  grep -o 'Replay completed: .*' "$dir/market-$run.log" | sed "s/^/  market-data-service: /" || true
  kill "$market_pid" 2>/dev/null && wait "$market_pid" 2>/dev/null || true
  { echo "launched $launched"; echo "cpu_window_ms $((done_at - launched))"
    echo "cpu_before $cpu_before"; echo "cpu_after $cpu_after"
    echo "jvm_before $jvm_before"; echo "jvm_after $jvm_after"; } >"$dir/$run.run"
}

run_design() { # design: devstack, bots, indicator-service and signal-service, runs A and B, topic dumps
  local design=$1 dir="$work/$1"
  local kafka_port controller_port postgres_port market_w_port market_a_port market_b_port name
  mkdir -p "$dir"
  # Readable by others: as root the devstack runs PostgreSQL as nobody, which must enter this folder.
  chmod 755 "$dir"
  for name in kafka_port controller_port redis_port postgres_port indicator_port signal_port market_w_port market_a_port \
      market_b_port; do
    free_port "$name"
  done
  bootstrap=127.0.0.1:$kafka_port
  echo "[$design] starting a devstack (Kafka $bootstrap, Redis $redis_port) ..."
  bin/devstack --data-dir "$dir/devstack" --kafka-port "$kafka_port" --kafka-controller-port "$controller_port" \
    --redis-port "$redis_port" --postgres-port "$postgres_port" >"$dir/devstack.log" 2>&1 &
  pids+=($!)
  devstack_pid=$!
  for _ in $(seq 1 240); do
    grep -q "devstack is up" "$dir/devstack.log" && break
    kill -0 "$devstack_pid" 2>/dev/null || { cat "$dir/devstack.log" >&2; fail "the devstack exited"; }
    sleep 0.5
  done
  grep -q "devstack is up" "$dir/devstack.log" || { cat "$dir/devstack.log" >&2; fail "the devstack did not start"; }

  # The bots before the services start (both read bots.v1 whole before their first kline or snapshot).
  local symbol
  for symbol in "${symbols[@]}"; do bot "$symbol"; done | kcat -b "$bootstrap" -t bots.v1 -P -K '|'
  [ "$(kcat -b "$bootstrap" -C -t bots.v1 -e -q -f '%k\n' | sort -u | wc -l)" -eq "${#symbols[@]}" ] \
    || fail "[$design] the bots are not on bots.v1"

  echo "[$design] starting indicator-service (:$indicator_port) and signal-service (:$signal_port) ..."
  # The new indicator-service is a static group member with a state folder named by its instance id: one of its
  # own per run, its folder inside this run's (java.io.tmpdir), so nothing is left behind. The old one ignores both.
  mkdir -p "$dir/indicator-tmp"
  start_service "$design" indicator-service "$indicator_port" indicator.log \
    TRADEFLOW_INDICATOR_INSTANCE_ID="bench-$design-$(basename "$work" | sed 's/.*\.//')" \
    JAVA_TOOL_OPTIONS="-Djava.io.tmpdir=$dir/indicator-tmp"
  indicator_pid=${pids[-1]}
  start_service "$design" signal-service "$signal_port" signal.log
  signal_pid=${pids[-1]}
  await_ready "$indicator_pid" "$indicator_port" "$dir/indicator.log"
  await_ready "$signal_pid" "$signal_port" "$dir/signal.log"

  # After run W, run A's klines are all newer than those on the topic: its market-data-service need not read them
  # back at start (see run B).
  if [ -n "$files_w" ]; then
    replay "$design" W "$files_w" "$rows_w" max "$market_w_port"
    replay "$design" A "$files_a" "$rows_a" max "$market_a_port" TRADEFLOW_MARKET_DATA_RESTORE_RECORDS_PER_PARTITION=100
  else
    replay "$design" A "$files_a" "$rows_a" max "$market_a_port"
  fi
  # Run B's klines are all newer than run A's, so its market-data-service need not read run A's back from the
  # topic at start (by default up to 200 000 records a partition, seconds that its replay clock would already count).
  replay "$design" B "$files_b" "$rows_b" "$live_speed" "$market_b_port" TRADEFLOW_MARKET_DATA_RESTORE_RECORDS_PER_PARTITION=100

  echo "[$design] reading the topics (read_committed) ..."
  dump_topics "$design"
  stop_started
  rm -rf "$dir/devstack" "$dir/indicator-tmp"
  if $profile; then
    local recording
    for recording in market-A indicator-A signal-A; do
      { "$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample --stack-depth 64 "$dir/$recording.jfr" \
          | awk -f "$lib/profile.awk"
        "$JAVA_HOME/bin/jfr" view gc-cpu-time "$dir/$recording.jfr" \
          | awk -F': ' '/GC User Time/ { u = $2 } /GC System Time/ { s = $2 } END { print "GC " u " user, " s " system" }'
      } >"$dir/$recording.profile" 2>&1 || true
    done
  fi
}
