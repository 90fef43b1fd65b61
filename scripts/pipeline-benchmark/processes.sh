# Sourced by scripts/pipeline-benchmark.sh: the processes it starts (stopped on exit), free ports, CPU time.
# Uses $work (the run's folder).

pids=()                          # every process started here and still running, stopped newest first
readers=()                       # background readers of topics: subshells, their children stopped with them
keep_logs=${KEEP_WORK:-false}    # KEEP_WORK=true keeps the logs, topic dumps and profiles
old_worktree=""                  # the git worktree of the old revision, removed on exit

stop_readers() {
  local reader
  for reader in "${readers[@]}"; do
    pkill -P "$reader" 2>/dev/null || true
    kill "$reader" 2>/dev/null && wait "$reader" 2>/dev/null || true
  done
  readers=()
}

stop_started() {
  local i
  stop_readers
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[i]}" 2>/dev/null && wait "${pids[i]}" 2>/dev/null || true
  done
  pids=()
}

cleanup() {
  stop_started
  # Removed even when the logs are kept: a worktree left behind stays registered in the repository's .git.
  if [ -n "$old_worktree" ]; then
    git worktree remove --force "$old_worktree" >/dev/null 2>&1 || rm -rf "$old_worktree"
    git worktree prune >/dev/null 2>&1 || true
  fi
  if $keep_logs; then
    rm -rf "$work"/*/devstack "$work/input" "$work"/apps-*
    echo "pipeline-benchmark: logs, topic dumps and profiles kept in $work" >&2
  else
    rm -rf "$work"
  fi
}

fail() {
  echo "pipeline-benchmark: $*" >&2
  keep_logs=true
  exit 1
}

# Ports below the kernel's ephemeral range (32768.. here), so that no outgoing connection (the services open many
# to Kafka) takes one between its choice and its use, and no port twice in a run.
ephemeral_low=$(awk '{ print $1 }' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
[ "$ephemeral_low" -gt 11000 ] || ephemeral_low=32768
chosen_ports=" "
free_port() { # variable: sets it to a free port
  local port
  while :; do
    port=$((10000 + RANDOM % (ephemeral_low - 10000)))
    case "$chosen_ports" in *" $port "*) continue ;; esac
    # Nothing answers on it: free.
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then chosen_ports+="$port "; printf -v "$1" %s "$port"; return; fi
  done
}

now_ms() { date +%s%3N; }

# CPU time, in clock ticks (getconf CLK_TCK a second), from /proc: where a run's time goes, per process.
clock_ticks=$(getconf CLK_TCK 2>/dev/null || echo 100)
cpu_ticks() { # pid...: the processes' user + system time together (all their threads); 0 for one that is gone
  local pid total=0 ticks
  for pid in "$@"; do
    # Fields after "pid (comm) ": utime and stime are the 12th and 13th.
    ticks=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat" 2>/dev/null || true)
    total=$((total + ${ticks:-0}))
  done
  echo "$total"
}
# The JIT compiler threads are counted while they live: a JVM on more cores may end some of its compiler threads
# (-XX:+UseDynamicNumberOfCompilerThreads), whose ticks then leave this sum but stay in the process's; on 2 cores it
# has one C1 and one C2 thread for its whole life.
jvm_split_ticks() { # pid...: "jit gc" ticks of the JVMs' JIT compiler threads and of their GC and VM threads
  local pid jit=0 gc=0 split
  for pid in "$@"; do
    # /proc/<pid>/task/<tid>/stat: "tid (name) state ...", the name being the thread's, cut to 15 characters.
    split=$(cat /proc/"$pid"/task/*/stat 2>/dev/null | awk '
      { name = $0; sub(/^[0-9]+ \(/, "", name); sub(/\) .*$/, "", name); rest = $0; sub(/^.*\) /, "", rest)
        split(rest, f, " "); t = f[12] + f[13] }
      name ~ /^C[12] CompilerThre/ { jit += t }
      # The VM thread too: the serial collector (the broker of the devstack) collects on it.
      name ~ /^(GC Thread|G1 |VM Thread)/ { gc += t }
      END { print jit + 0, gc + 0 }' || true)
    jit=$((jit + ${split%% *})); gc=$((gc + ${split##* }))
  done
  echo "$jit $gc"
}
descendants() { # pid: every process below it (the devstack's Redis and PostgreSQL)
  ps -e -o pid=,ppid= | awk -v root="$1" '{ parent[$1] = $2 }
    END { for (p in parent) { q = p; while ((q in parent) && q != root) q = parent[q]; if (q == root && p != root) print p } }'
}
machine_ticks() { # "busy total": the whole machine's CPU ticks, every core, since boot
  awk '$1 == "cpu" { busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6; exit }' /proc/stat
}
