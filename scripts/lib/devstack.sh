# Shared by the benchmark scripts (execution, position, exactly-once spike, transaction hop); sourced, not run.
# A throwaway folder, a devstack of its own on free ports in it, the processes started, and their clean-up:
#
#   source scripts/lib/devstack.sh
#   bench_init NAME        # the JDK ($JAVA_HOME, $java, $jvm_options), a folder $work, the EXIT trap
#   benchmarks_jar true|false   # sets $jar to benchmarks/target/benchmarks.jar, built first when asked (--no-build: false)
#   free_port http_port    # any other port the script needs
#   devstack_start         # Kafka $bootstrap, PostgreSQL $postgres_port, Redis $redis_port; waits until it is up
#   pids+=($!)             # every process started (stopped in reverse order on exit)
#   await_ready NAME PID PORT LOG   # sets ready_at (epoch ms) once http://127.0.0.1:PORT/q/health/ready says 200
#   await_records TOPIC N WHAT NAME PID LOG   # sets reached_at once TOPIC holds N records, returns once it stops growing
#
# KEEP_WORK=true (or keep_logs=true, or a call of fail) keeps the folder's logs and dumps; the devstack's data
# folder is always deleted. Needs curl, psql (sql, commits) and kcat (records, await_records).

bench_name=benchmark
pids=()
keep_logs=${KEEP_WORK:-false}

# $jar: benchmarks.jar, packaged first when $1 is true; exits naming --no-build when it is missing.
benchmarks_jar() { # build
  if $1; then
    echo "Building benchmarks ..."
    ./mvnw -B -q package -DskipTests -pl benchmarks -am
  fi
  jar=benchmarks/target/benchmarks.jar
  [ -f "$jar" ] || { echo "$bench_name: $jar is missing; run without --no-build" >&2; exit 1; }
}

# The JDK (bin/java-home), and the JVM options every service runs with; then the folder and the trap.
bench_init() { # name
  bench_name=$1
  JAVA_HOME=$(bin/java-home)
  export JAVA_HOME
  java="$JAVA_HOME/bin/java"
  jvm_options=()
  [ "$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')" -ge 24 ] \
    && jvm_options+=(--sun-misc-unsafe-memory-access=allow)
  work=$(mktemp -d "/var/tmp/tradeflow-$bench_name.XXXXXX")
  # Readable by others: as root the devstack runs PostgreSQL as nobody, which must enter this folder.
  chmod 755 "$work"
  trap bench_cleanup EXIT
}

bench_cleanup() {
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[i]}" 2>/dev/null && wait "${pids[i]}" 2>/dev/null || true
  done
  if $keep_logs; then
    rm -rf "$work/devstack"
    echo "$bench_name: logs and topic dumps kept in $work" >&2
  else
    rm -rf "$work"
  fi
}

fail() {
  echo "$bench_name: $*" >&2
  keep_logs=true
  exit 1
}

# Ports below the kernel's ephemeral range, so that no outgoing connection takes one between its choice and its use.
ephemeral_low=$(awk '{ print $1 }' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
[ "$ephemeral_low" -gt 11000 ] || ephemeral_low=32768
chosen=" "
free_port() { # variable: sets it to a free port
  local port
  while :; do
    port=$((10000 + RANDOM % (ephemeral_low - 10000)))
    case "$chosen" in *" $port "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then chosen+="$port "; printf -v "$1" %s "$port"; return; fi
  done
}

devstack_start() {
  local name
  for name in kafka_port controller_port redis_port postgres_port; do
    free_port "$name"
  done
  bootstrap=127.0.0.1:$kafka_port
  echo "Starting a devstack (Kafka $bootstrap, PostgreSQL $postgres_port) in $work ..."
  bin/devstack --data-dir "$work/devstack" --kafka-port "$kafka_port" --kafka-controller-port "$controller_port" \
    --redis-port "$redis_port" --postgres-port "$postgres_port" >"$work/devstack.log" 2>&1 &
  pids+=($!)
  local devstack_pid=$!
  for _ in $(seq 1 240); do
    grep -q "devstack is up" "$work/devstack.log" && return
    kill -0 "$devstack_pid" 2>/dev/null || { cat "$work/devstack.log" >&2; fail "the devstack exited"; }
    sleep 0.5
  done
  cat "$work/devstack.log" >&2
  fail "the devstack did not start"
}

# Polls the service's readiness every 0.2 s for up to 120 s; sets ready_at, or returns 1 (the caller says why).
# Fails at once when the process exits.
await_ready() { # name pid http-port log
  ready_at=""
  for _ in $(seq 1 600); do
    kill -0 "$2" 2>/dev/null || { tail -40 "$4" >&2; fail "$1 exited"; }
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$3/q/health/ready" || true)" = 200 ] \
      && { ready_at=$(now_ms); return 0; }
    sleep 0.2
  done
  return 1
}

# Waits until TOPIC holds at least N records and then has not grown for 3 s; sets reached_at to the poll that saw N
# (call it directly, not in a $(...) subshell, so that fail keeps the logs). Fails when the service exits, or after
# $stage_timeout s (default 900).
await_records() { # topic n what name pid log
  local deadline=$(( $(date +%s) + ${stage_timeout:-900} )) count last=-1 same=0
  reached_at=""
  while :; do
    kill -0 "$5" 2>/dev/null || { tail -40 "$6" >&2; fail "$4 exited"; }
    count=$(records "$1")
    if [ -z "$reached_at" ]; then
      [ "$count" -ge "$2" ] && { reached_at=$(now_ms); last=$count; }
      [ "$(date +%s)" -lt "$deadline" ] || fail "$3: $count of $2 records on $1 after ${stage_timeout:-900} s"
      sleep 0.2
    else
      if [ "$count" -eq "$last" ]; then same=$((same + 1)); else same=0; last=$count; fi
      [ "$same" -ge 3 ] && return
      sleep 1
    fi
  done
}

now_ms() { date +%s%3N; }
load1() { awk '{ print $1 }' /proc/loadavg; }   # the 1-minute load average, to state with the results
sql() { PGPASSWORD=tradeflow psql -h 127.0.0.1 -p "$postgres_port" -U tradeflow -d tradeflow -qAt -c "$1"; }
# Committed transactions of the tradeflow database (all of them the service's, apart from these queries).
commits() { sql "select xact_commit from pg_stat_database where datname = 'tradeflow'"; }
records() { # topic: the sum over partitions of (last offset + 1); plain records only
  kcat -b "$bootstrap" -C -t "$1" -o -1 -e -q -f '%o\n' 2>/dev/null | awk '{ n += $1 + 1 } END { print n + 0 }'
}
# Nearest-rank p50/p90/p99/max of the numbers on stdin, as "p50/p90/p99/max (n=N)", or "-" when there are none.
percentiles() {
  sort -n | awk '{ a[NR] = $1 }
    function at(p,  i) { i = int(p * NR / 100); if (i < p * NR / 100) i++; if (i < 1) i = 1; return a[i] }
    END { if (NR == 0) print "-"; else printf "%d/%d/%d/%d (n=%d)\n", at(50), at(90), at(99), a[NR], NR }'
}
