# Sourced by scripts/pipeline-benchmark.sh: reads a design's topics once (read_committed: the new indicator-service
# writes in Kafka transactions, and an aborted snapshot must not count) and turns them into each run's figures and
# checks, $work/<design>/<run>.result ("key value" lines).

dump_topics() { # design: $work/<design>/{klines,snapshots,signals,watermarks}.tsv and snapshot-values.tsv
  local dir="$work/$1"
  consume() { kcat -b "$bootstrap" -C -t "$1" -X isolation.level=read_committed -e -q -f '%s\n'; }
  consume market.klines.v1 | jq -r '[.eventId, .openTime, .producedAt] | @tsv' >"$dir/klines.tsv"
  # The snapshot without its producedAt, to compare the designs' values (one line per distinct snapshot).
  consume indicators.v1 | jq -r '[.eventId, .openTime, .producedAt, (del(.producedAt) | tojson)] | @tsv' >"$dir/snapshots-full.tsv"
  cut -f1-3 "$dir/snapshots-full.tsv" >"$dir/snapshots.tsv"
  cut -f1,4 "$dir/snapshots-full.tsv" | LC_ALL=C sort -u >"$dir/snapshot-values.tsv"
  rm -f "$dir/snapshots-full.tsv"
  consume signals.v1 | jq -r 'if .eventType == "SignalGenerated"
      then ["S", .signalId, .klineOpenTime, .producedAt, .action, .symbol + "-" + .interval + "-" + (.klineOpenTime | tostring)]
      else ["W", .eventId, .klineOpenTime, .producedAt] end | @tsv' >"$dir/signals-all.tsv"
  awk -F'\t' -v OFS='\t' '$1 == "S" { print $2, $3, $4, $5, $6 }' "$dir/signals-all.tsv" >"$dir/signals.tsv"
  awk -F'\t' -v OFS='\t' '$1 == "W" { print $2, $3, $4 }' "$dir/signals-all.tsv" >"$dir/watermarks.tsv"
  rm -f "$dir/signals-all.tsv"
  # Every dead-letter topic there is, whoever made it.
  local topic dead=0
  for topic in $(kcat -b "$bootstrap" -L -J | jq -r '.topics[].topic | select(endswith(".dlq"))'); do
    dead=$((dead + $(consume "$topic" | wc -l)))
  done
  echo "$dead" >"$dir/dead-letters"
}

percentiles() { # label: reads numbers, prints "label p50/p95/p99/max (n=N)" (nearest rank) or "label -"
  sort -n | awk -v label="$1" '{ a[NR] = $1 }
    function at(p,  i) { i = int(p * NR / 100); if (i < p * NR / 100) i++; if (i < 1) i = 1; return a[i] }
    END { if (NR == 0) print label, "-"; else printf "%s %d/%d/%d/%d (n=%d)\n", label, at(50), at(95), at(99), a[NR], NR }'
}

streams_thread() { # metrics-file: a Kafka Streams application's stream thread, as its metrics give it (over their
  # window, the last 30 to 60 s): commit latency avg/max and commits a second; poll latency avg and records a poll
  awk '$1 ~ /^kafka_stream_thread_/ { name = $1; sub(/\{.*/, "", name); sub(/^kafka_stream_thread_/, "", name); v[name] = $NF }
    END { if (!("commit_latency_avg" in v)) { print "-"; exit }
      printf "commit %.0f/%.0f ms, %.1f/s; poll %.0f ms, %.0f rec\n", v["commit_latency_avg"], v["commit_latency_max"],
        v["commit_rate"], v["poll_latency_avg"], v["poll_records_avg"] }' "$1" 2>/dev/null || echo "-"
}

measure_run() { # design run rows first-open end-open speed (recorded ms per wall ms; 0 for max)
  local design=$1 run=$2 rows=$3 lo=$4 hi=$5 speed=$6
  local dir="$work/$1" p="$work/$1/$2" kind
  for kind in klines snapshots signals watermarks; do
    awk -F'\t' -v lo="$lo" -v hi="$hi" '$2 >= lo && $2 < hi' "$dir/$kind.tsv" >"$p-$kind.tsv"
  done
  # The open time from which klines count in the latency percentiles. At a live pace, the replay's clock starts
  # before its producer's first connection (1-2 s, more while it reads the topic's tail), so the klines due
  # meanwhile go out in one burst and queue: those due before the first send plus 1 s are left out.
  local from=$lo
  if [ "$speed" != 0 ]; then
    from=$(awk -F'\t' -v lo="$lo" -v hi="$hi" -v speed="$speed" '
      !($1 in k) { k[$1] = 1; n++; open[n] = $2; at[n] = $3; if (n == 1 || $3 < first) first = $3 }
      END { # t0: when the replay clock started, from the klines of the second half (sent on time)
        started = 0
        for (i = 1; i <= n; i++) if (open[i] >= lo + (hi - lo) / 2) { d = at[i] - (open[i] - lo) / speed; if (!started || d < t0) { t0 = d; started = 1 } }
        due = first + 1000 - t0; m = int(due * speed / 60000); if (m * 60000 < due * speed) m++
        printf "%.0f\n", lo + (m < 0 ? 0 : m) * 60000 }' "$p-klines.tsv")
  fi
  # Per kline id: first producedAt of the kline, its snapshot and its watermark; the stages' latencies.
  awk -F'\t' -v from="$from" -v out="$p" '
    FILENAME ~ /-klines.tsv$/ { if (!($1 in k)) k[$1] = $3; next }
    FILENAME ~ /-snapshots.tsv$/ { if (!($1 in s)) s[$1] = $3; next }
    FILENAME ~ /-watermarks.tsv$/ { if (!($1 in w)) w[$1] = $3; next }
    { if (($5 in k) && $2 >= from) print $3 - k[$5] > (out "-lat-kline-signal") }
    END {
      for (id in k) {
        n = split(id, part, "-"); if (part[n] < from) continue
        if (id in s) print s[id] - k[id] > (out "-lat-indicator")
        if ((id in s) && (id in w)) print w[id] - s[id] > (out "-lat-signal")
        if (id in w) print w[id] - k[id] > (out "-lat-kline-watermark")
      }
    }' "$p-klines.tsv" "$p-snapshots.tsv" "$p-watermarks.tsv" "$p-signals.tsv"
  # When the watermarks and signals were received by a read_committed reader following signals.v1 (run B only).
  if [ -f "$p-seen.tsv" ]; then
    jq -R -r 'split("\t") as $f | ($f[1] | fromjson) as $e | ($f[0] | tonumber / 1000 | floor) as $at
        | if $e.eventType == "SignalWatermark" then ["W", $e.eventId, $at]
          else ["S", $e.symbol + "-" + $e.interval + "-" + ($e.klineOpenTime | tostring), $at] end | @tsv' "$p-seen.tsv" \
      | awk -F'\t' -v from="$from" -v out="$p" '
        FILENAME ~ /-klines.tsv$/ { if (!($1 in k)) k[$1] = $3; next }
        { n = split($2, part, "-"); if (!($2 in k) || part[n] < from) next }
        $1 == "W" && !($2 in w) { w[$2]; print $3 - k[$2] > (out "-lat-kline-watermark-seen") }
        $1 == "S" { print $3 - k[$2] > (out "-lat-kline-signal-seen") }' "$p-klines.tsv" -
  fi
  # When the snapshots became readable: splits a hop into the writer's commit and the reader's pick-up.
  if [ -f "$p-snapshots-seen.tsv" ]; then
    jq -R -r 'split("\t") as $f | ($f[1] | fromjson) as $e | [$e.eventId, ($f[0] | tonumber / 1000 | floor)] | @tsv' \
        "$p-snapshots-seen.tsv" \
      | awk -F'\t' -v from="$from" -v out="$p" '
        FILENAME ~ /-snapshots.tsv$/ { if (!($1 in s)) s[$1] = $3; next }
        FILENAME ~ /-watermarks.tsv$/ { if (!($1 in w)) w[$1] = $3; next }
        { n = split($1, part, "-"); if (!($1 in s) || ($1 in seen) || part[n] < from) next; seen[$1]
          print $2 - s[$1] > (out "-lat-snapshot-seen")
          if ($1 in w) print w[$1] - $2 > (out "-lat-seen-watermark") }' "$p-snapshots.tsv" "$p-watermarks.tsv" -
  fi
  local stage
  for stage in indicator signal kline-watermark kline-signal kline-watermark-seen kline-signal-seen snapshot-seen \
      seen-watermark; do
    touch "$p-lat-$stage"
  done

  distinct() { cut -f1 "$1" | sort -u | wc -l; }
  # printf: awk would print a 13-digit time as 1.70001e+12.
  span() { awk -F'\t' 'NR == 1 || $3 < a { a = $3 } $3 > b { b = $3 } END { printf "%.0f %.0f\n", a, b }' "$1"; }
  local k_first k_last s_first s_last w_first w_last launched
  read -r k_first k_last < <(span "$p-klines.tsv")
  read -r s_first s_last < <(span "$p-snapshots.tsv")
  read -r w_first w_last < <(span "$p-watermarks.tsv")
  launched=$(awk '$1 == "launched" { print $2 }' "$p.run")
  {
    echo "rows $rows"
    echo "kline_records $(wc -l <"$p-klines.tsv")"; echo "kline_ids $(distinct "$p-klines.tsv")"
    echo "snapshot_records $(wc -l <"$p-snapshots.tsv")"; echo "snapshot_ids $(distinct "$p-snapshots.tsv")"
    echo "klines_without_snapshot $(cut -f1 "$p-klines.tsv" | LC_ALL=C sort -u | LC_ALL=C join -v1 - <(cut -f1 "$p-snapshots.tsv" | LC_ALL=C sort -u) | wc -l)"
    echo "signals $(wc -l <"$p-signals.tsv")"; echo "signal_ids $(distinct "$p-signals.tsv")"
    echo "watermark_records $(wc -l <"$p-watermarks.tsv")"; echo "watermark_ids $(distinct "$p-watermarks.tsv")"
    echo "skipped $(awk -F'\t' -v from="$from" '$2 < from && !($1 in seen) { seen[$1]; n++ } END { print n + 0 }' "$p-klines.tsv")"
    awk -v n="$rows" -v t0="$launched" -v a="$k_first" -v b="$k_last" -v c="$s_first" -v d="$s_last" -v e="$w_first" -v f="$w_last" '
      function rate(from, to) { return to > from ? sprintf("%.0f", n * 1000 / (to - from)) : "-" }
      BEGIN {
        print "market_rate", rate(a, b); print "indicator_rate", rate(c, d); print "signal_rate", rate(e, f)
        print "e2e_rate", rate(a, f); printf "e2e_s %.1f\n", (f - a) / 1000; printf "launch_to_done_s %.1f\n", (f - t0) / 1000
        printf "spans_s %.1f / %.1f / %.1f\n", (b - a) / 1000, (d - c) / 1000, (f - e) / 1000 }'
    echo "streams_indicator $(streams_thread "$p-indicator.metrics")"
    echo "streams_signal $(streams_thread "$p-signal.metrics")"
    percentiles lat_indicator <"$p-lat-indicator"
    percentiles lat_signal <"$p-lat-signal"
    percentiles lat_kline_watermark <"$p-lat-kline-watermark"
    percentiles lat_kline_signal <"$p-lat-kline-signal"
    percentiles lat_kline_watermark_seen <"$p-lat-kline-watermark-seen"
    percentiles lat_kline_signal_seen <"$p-lat-kline-signal-seen"
    percentiles lat_snapshot_seen <"$p-lat-snapshot-seen"
    percentiles lat_seen_watermark <"$p-lat-seen-watermark"
    # CPU: seconds per process during the run (market-data-service: its whole life, JVM start included) and
    # microseconds per kline; the machine's busy share, and the part of it that was not this benchmark's.
    awk -v n="$rows" -v hz="$clock_ticks" '
      $1 == "cpu_before" { for (i = 2; i <= NF; i++) b[i] = $i }
      $1 == "cpu_after" { for (i = 2; i <= NF; i++) a[i] = $i }
      $1 == "cpu_window_ms" { window = $2 / 1000 }
      $1 == "jvm_before" { for (i = 2; i <= NF; i++) jb[i] = $i }
      $1 == "jvm_after" { for (i = 2; i <= NF; i++) ja[i] = $i }
      END {
        split("market-data indicator signal kafka redis-postgres", name, " ")
        for (i = 2; i <= 6; i++) { d = a[i] - b[i]; ours += d
          printf "cpu_%s %.1f s = %.0f us/kline, %.0f%% of a core\n", name[i - 1], d / hz, d / hz * 1e6 / n, 100 * d / hz / window }
        printf "cpu_per_kline %.0f us\n", ours / hz * 1e6 / n
        split_line = "cpu_split"
        for (i = 2; i <= 5; i++) split_line = split_line sprintf(" %.0f", (a[i] - b[i]) / hz * 1e6 / n)
        print split_line
        # Of each JVM'"'"'s CPU, its JIT compiler threads'"'"' and its GC threads'"'"' shares (percent).
        line = "jvm_split"
        for (i = 2; i <= 5; i++) { d = a[i] - b[i]; j = 2 * (i - 1); g = j + 1
          line = line sprintf(" %.0f/%.0f", d ? 100 * (ja[j] - jb[j]) / d : 0, d ? 100 * (ja[g] - jb[g]) / d : 0) }
        print line
        busy = a[7] - b[7]; total = a[8] - b[8]
        printf "machine busy %.0f%% (others %.0f%%)\n", 100 * busy / total, 100 * (busy - ours) / total }' "$p.run"
  } >"$p.result"
}

compare_designs() { # old new: $work/compare.result, the same signals and snapshot values?
  local old="$work/$1" new="$work/$2" run
  {
    for run in "${runs[@]}"; do
      local a b
      a=$(cut -f1,4 "$old/$run-signals.tsv" | LC_ALL=C sort -u | md5sum)
      b=$(cut -f1,4 "$new/$run-signals.tsv" | LC_ALL=C sort -u | md5sum)
      [ "$a" = "$b" ] && echo "same_signals_$run yes" || echo "same_signals_$run no"
    done
    # Snapshots (ids) whose values are not the same in both, or that one design lacks.
    echo "snapshot_values_differing $(LC_ALL=C comm -3 "$old/snapshot-values.tsv" "$new/snapshot-values.tsv" | sed 's/^\t//' | cut -f1 | sort -u | wc -l)"
  } >"$work/compare.result"
}
