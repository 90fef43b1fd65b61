# Sourced by scripts/pipeline-benchmark.sh at the end: the table of both designs, the checks, the exit status.

value() { # design run key: the value of "key ..." in $work/<design>/<run>.result
  awk -v k="$3" '$1 == k { $1 = ""; sub(/^ /, ""); print; found = 1 } END { if (!found) print "-" }' "$work/$1/$2.result"
}
label() { case $1 in old) echo "old ($old_rev)" ;; new) echo "new ($new_rev)" ;; esac; }
row() { # text run key
  local design line
  line=$(printf '%-44s' "$1")
  for design in "${designs[@]}"; do line+=$(printf ' %-40s' "$(value "$design" "$2" "$3")"); done
  echo "$line"
}
columns() {
  local design line
  line=$(printf '%-44s' "")
  for design in "${designs[@]}"; do line+=$(printf ' %-40s' "$(label "$design" | cut -c1-40)"); done
  echo "$line"
}
heading() { echo "$1"; }

echo
echo "$(nproc) cores, $("$java" -version 2>&1 | awk 'NR == 1'); run time $(( ($(date +%s) - begun) / 60 )) min"
[ -z "$changed" ] || echo "new: this working tree, HEAD $new_rev with uncommitted changes in ${changed% }"
columns
if [ -n "$files_w" ]; then
  heading "W (warm-up): $rows_w klines, ${#symbols[@]} symbols x $warmup_days days, speed max, from cold JVMs"
  row "  end to end, klines/s" W e2e_rate
  row "  CPU µs/kline: market-data indicator signal broker" W cpu_split
  row "  CPU all five, per kline" W cpu_per_kline
  row "  JIT / GC+VM threads, % CPU: md ind sig kafka" W jvm_split
fi
heading "A: $rows_a klines, ${#symbols[@]} symbols x $days days, speed max${files_w:+, after run W}"
row "  market-data publish, klines/s" A market_rate
row "  indicator-service, klines/s" A indicator_rate
row "  signal-service, klines/s" A signal_rate
row "  end to end, klines/s" A e2e_rate
row "  first kline to last watermark, s" A e2e_s
row "  spans market-data / indicator / signal, s" A spans_s
row "  JVM launch to last watermark, s" A launch_to_done_s
row "  CPU market-data (incl. JVM start)" A cpu_market-data
row "  CPU indicator-service" A cpu_indicator
row "  CPU signal-service" A cpu_signal
row "  CPU Kafka broker (devstack JVM)" A cpu_kafka
row "  CPU Redis + PostgreSQL" A cpu_redis-postgres
row "  CPU all five, per kline" A cpu_per_kline
row "  JIT / GC+VM threads, % CPU: md ind sig kafka" A jvm_split
row "  machine CPU busy (others' share)" A machine
row "  indicator Kafka Streams thread (at end)" A streams_indicator
row "  signal Kafka Streams thread (at end)" A streams_signal
heading "B: $rows_b klines at $live_rate klines/s (speed $live_speed)"
row "  klines left out (start-up burst)" B skipped
row "  indicator ms p50/p95/p99/max" B lat_indicator
row "  signal ms (snapshot to watermark)" B lat_signal
row "    of it: snapshot to snapshot readable" B lat_snapshot_seen
row "    of it: snapshot readable to watermark" B lat_seen_watermark
row "  kline to watermark ms (every kline)" B lat_kline_watermark
row "  kline to signal ms (klines with a signal)" B lat_kline_signal
row "  kline to watermark readable ms (a reader)" B lat_kline_watermark_seen
row "  kline to signal readable ms (a reader)" B lat_kline_signal_seen
row "  CPU indicator-service" B cpu_indicator
row "  CPU signal-service" B cpu_signal
row "  CPU Kafka broker" B cpu_kafka
row "  machine CPU busy (others' share)" B machine
row "  indicator Kafka Streams thread (at end)" B streams_indicator
row "  signal Kafka Streams thread (at end)" B streams_signal
heading "Checks ($(IFS=';'; echo "${runs[*]}" | sed 's/;/; /g'))"
check_rows() { # text key1 key2...: "A: v1/v2/...; B: ..." per design
  local text=$1 design line run key part
  shift
  line=$(printf '%-44s' "$text")
  for design in "${designs[@]}"; do
    part=""
    for run in "${runs[@]}"; do
      local values=()
      for key in "$@"; do values+=("$(value "$design" "$run" "$key")"); done
      part+="$(IFS=/; echo "${values[*]}")"
      [ "$run" = B ] || part+="; "
    done
    line+=$(printf ' %-40s' "$part")
  done
  echo "$line"
}
check_rows "  klines: records/distinct" kline_records kline_ids
check_rows "  snapshots: records/distinct/missing" snapshot_records snapshot_ids klines_without_snapshot
check_rows "  signals: records/distinct" signals signal_ids
check_rows "  watermarks: records/distinct" watermark_records watermark_ids
line=$(printf '%-44s' "  dead letters (every *.dlq)")
for design in "${designs[@]}"; do line+=$(printf ' %-40s' "$(cat "$work/$design/dead-letters")"); done
echo "$line"

# Which checks failed, per design.
failures_of() { # design
  local design=$1 run rows
  for run in "${runs[@]}"; do
    rows=$(value "$design" "$run" rows)
    v() { value "$design" "$run" "$1"; }
    [ "$(v kline_records)" -eq "$rows" ] && [ "$(v kline_ids)" -eq "$rows" ] \
      || echo "run $run: $(v kline_records) klines on the topic, $(v kline_ids) distinct, not $rows"
    [ "$(v snapshot_records)" -eq "$rows" ] && [ "$(v snapshot_ids)" -eq "$rows" ] \
      || echo "run $run: $(v snapshot_records) snapshots, $(v snapshot_ids) distinct, not exactly one per kline ($rows)"
    [ "$(v klines_without_snapshot)" -eq 0 ] || echo "run $run: $(v klines_without_snapshot) klines without a snapshot"
    [ "$run" = B ] || [ "$(v signals)" -gt 0 ] || echo "run $run: no signal"
    [ "$(v signal_ids)" -eq "$(v signals)" ] || echo "run $run: $(v signals) signals but $(v signal_ids) distinct ids"
    [ "$(v watermark_ids)" -eq "$rows" ] || echo "run $run: watermarks for $(v watermark_ids) klines, not $rows"
  done
  [ "$(cat "$work/$design/dead-letters")" -eq 0 ] || echo "$(cat "$work/$design/dead-letters") records on the dead-letter topics"
}
failed=false
for design in "${designs[@]}"; do
  found=$(failures_of "$design")
  [ -n "$found" ] || continue
  if [ "$design" = new ] || [ ${#designs[@]} -eq 1 ]; then
    failed=true
    echo "$found" | sed "s/^/FAILED ($design): /" >&2
  else
    echo "$found" | sed "s/^/Finding ($design design, not a failure of this run): /"
  fi
done
if [ -f "$work/compare.result" ]; then
  same=() all_same=true
  for run in "${runs[@]}"; do
    answer=$(awk -v k="same_signals_$run" '$1 == k { print $2 }' "$work/compare.result")
    same+=("run $run $answer")
    [ "$answer" = yes ] || all_same=false
  done
  differing=$(awk '$1 == "snapshot_values_differing" { print $2 }' "$work/compare.result")
  echo "Old and new: the same signals: $(IFS=,; echo "${same[*]}" | sed 's/,/, /g'); snapshots whose values differ: $differing"
  if ! $all_same || [ "$differing" -ne 0 ]; then
    failed=true
    echo "FAILED: old and new do not give the same results (compare $work/old/*-signals.tsv and $work/new/*-signals.tsv)" >&2
  fi
fi

if $profile; then
  echo
  echo "Where run A's CPU went: shares of JFR's execution samples (Java threads running Java code) by thread and by"
  echo "library (the first non-JDK frame from the top); indicator and signal over run A, market-data from its launch:"
  for design in "${designs[@]}"; do
    for recording in market-A indicator-A signal-A; do
      echo "[$design] ${recording%-A}: $(head -1 "$work/$design/$recording.profile" 2>/dev/null); $(tail -1 "$work/$design/$recording.profile" 2>/dev/null)"
      sed -n '2,3s/^/    /p' "$work/$design/$recording.profile" 2>/dev/null
    done
  done
  echo "(recordings: $work/<design>/*.jfr)"
  keep_logs=true
fi

if $failed; then
  keep_logs=true
  exit 1
fi
echo "OK: every check of the new design passed$([ ${#designs[@]} -lt 2 ] || echo ", and old and new agree")"
