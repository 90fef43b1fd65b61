# Where a service's CPU went, from `jfr print --events jdk.ExecutionSample --stack-depth 64 RECORDING`: the share
# of execution samples by thread (names without instance ids and numbers) and by code, i.e. the library of the
# first frame from the top that is not the JDK's (so a HashMap lookup in Kafka Streams counts as Kafka Streams).
# Two lines, the TOP (default 6) largest of each, for scripts/pipeline-benchmark.sh's report.
function layer(frame) {
  if (frame ~ /^io\.tradeflow\./) return "tradeflow"
  if (frame ~ /^com\.fasterxml\.jackson\./) return "Jackson"
  if (frame ~ /^org\.apache\.kafka\.streams\./) return "Kafka Streams"
  if (frame ~ /^org\.apache\.kafka\.clients\.producer\./) return "Kafka producer"
  if (frame ~ /^org\.apache\.kafka\.clients\.consumer\./) return "Kafka consumer"
  if (frame ~ /^org\.apache\.kafka\.common\.(network|requests|protocol|message)\./) return "Kafka network"
  if (frame ~ /^org\.apache\.kafka\.common\.metrics\./) return "Kafka metrics"
  if (frame ~ /^org\.apache\.kafka\.common\.(record|compress)\./ || frame ~ /^net\.jpountz\./) return "Kafka records+lz4"
  if (frame ~ /^org\.apache\.kafka\./) return "Kafka other"
  if (frame ~ /^(io\.micrometer|io\.prometheus)\./) return "metrics"
  if (frame ~ /^(io\.vertx\.redis|io\.quarkus\.redis)/) return "Redis client"
  if (frame ~ /^(io\.netty|io\.vertx)\./) return "Netty+Vert.x"
  if (frame ~ /^(io\.smallrye|io\.quarkus|org\.jboss|org\.eclipse\.microprofile|io\.opentelemetry|jakarta)\./) return "Quarkus+SmallRye"
  if (frame ~ /^(java|javax|jdk|sun|com\.sun)\./) return ""
  return "other"
}
function top(counts, title,   line, k, best, bestKey, shown) {
  line = title ":"
  for (shown = 0; shown < limit; shown++) {
    best = 0
    for (k in counts) if (counts[k] > best) { best = counts[k]; bestKey = k }
    if (best == 0) break
    line = line sprintf(" %s %.0f%%,", bestKey, 100 * best / samples)
    delete counts[bestKey]
  }
  sub(/,$/, "", line)
  print line
}
BEGIN {
  limit = TOP ? TOP : 6
  hex = "[0-9a-f]"
  uuid = hex hex hex hex hex hex hex hex "-" hex hex hex hex "-" hex hex hex hex "-" hex hex hex hex "-"
  uuid = uuid hex hex hex hex hex hex hex hex hex hex hex hex "-?"
}
/^jdk\.ExecutionSample/ { thread = ""; code = ""; inStack = 0; next }
/^  sampledThread = / {
  thread = $0
  sub(/^  sampledThread = "/, "", thread); sub(/" \(javaThreadId.*$/, "", thread); sub(/ \|.*$/, "", thread)
  gsub(uuid, "", thread); gsub(/-[0-9]+$/, "", thread); gsub(/-[0-9]+-/, "-", thread)
  next
}
/^  stackTrace = \[/ { inStack = 1; next }
inStack && /^  \]/ { inStack = 0; next }
inStack && code == "" {
  frame = $1
  if (frame != "...") code = layer(frame)
  next
}
/^}/ {
  samples++
  byThread[thread == "" ? "?" : thread]++
  byCode[code == "" ? "JDK only" : code]++
}
END {
  if (samples == 0) { print "no execution samples"; exit }
  printf "%d samples\n", samples
  top(byThread, "threads")
  top(byCode, "code")
}
