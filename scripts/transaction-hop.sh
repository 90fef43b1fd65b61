#!/usr/bin/env bash
# What one transactional hop costs with nothing in it (issue 14's latency goal): on a devstack of its own (free ports, throwaway
# folder), what a stage's transaction costs with no processing at all (benchmarks.jar,
# io.tradeflow.benchmarks.exactlyonce.TransactionHop): a plain send-and-wait round trip, and a transaction of a
# burst of records (flush, offsets to the transaction, commit) with the time until a read_committed reader has each
# record; at a live pace (160 ms between bursts) and back to back (0 ms).
#
#   scripts/transaction-hop.sh [--no-build]
#   ROUNDS=500 PAUSES=160,20,0 LINGER_MS=0 COMPRESSION=lz4 scripts/transaction-hop.sh --no-build
#
# Needs a JDK 21+; takes about 3 minutes. Results: docs/benchmarks.md ("What one transactional hop costs").
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/devstack.sh

build=true
if [ "${1:-}" = "--no-build" ]; then build=false; shift; fi
[ $# -eq 0 ] || { echo "usage: scripts/transaction-hop.sh [--no-build]" >&2; exit 2; }

bench_init transaction-hop
benchmarks_jar "$build"

echo "Load before: $(uptime | sed 's/.*load average/load average/'); $(nproc) cores; $("$java" -version 2>&1 | awk 'NR == 1')"
devstack_start
"$java" "${jvm_options[@]}" -cp "$jar" io.tradeflow.benchmarks.exactlyonce.TransactionHop --bootstrap "$bootstrap" \
  --rounds "${ROUNDS:-300}" --pause-ms "${PAUSES:-160,0}" --linger-ms "${LINGER_MS:-5}" \
  --compression "${COMPRESSION:-none}" 2> >(grep -v '^SLF4J' >&2) || fail "the probe failed"
echo "Load after: $(uptime | sed 's/.*load average/load average/')"
