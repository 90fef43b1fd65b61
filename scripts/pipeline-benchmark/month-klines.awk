# Writes the pipeline benchmark's input from one recorded week of 1-minute klines (data.binance.vision columns):
# for each symbol, minutes FIRST to LAST-1 counted from the week's first open time, every row recorded OHLC and volume
# with its open and close time moved to that minute, so open times rise strictly, one minute apart, whatever the span.
# Symbol number i (0, 1, ...) starts i recorded days into the week and wraps around at its end, so the symbols trade
# different prices at the same minute.
#
#   awk -v symbols="BTCUSDT ETHUSDT" -v first=0 -v last=44640 -v dir=OUT -v suffix=2023-11-15_to_2023-12-15 WEEK.csv
# writes OUT/BTCUSDT-UM-1m-<suffix>.csv, ... (market-data-service takes the symbol and interval from such a name).
BEGIN { FS = OFS = ","; rows = 0 }
/^[0-9]/ {
  if (rows == 0) start = $1
  else if ($1 + 0 != start + rows * 60000) { printf "month-klines.awk: row %d opens at %s, not one minute after the previous row\n", rows + 1, $1 > "/dev/stderr"; exit 1 }
  line[rows++] = $0
  next
}
{ header = $0 }
END {
  if (rows == 0) { print "month-klines.awk: no kline rows in the input" > "/dev/stderr"; exit 1 }
  n = split(symbols, symbol, " ")
  for (i = 1; i <= n; i++) {
    file = dir "/" symbol[i] "-UM-1m-" suffix ".csv"
    if (header != "") print header > file
    for (m = first; m < last; m++) {
      split(line[((i - 1) * 1440 + m) % rows], f, ",")
      # %.0f: awk numbers are doubles, and a 13-digit time would otherwise print as 1.70001e+12.
      f[1] = sprintf("%.0f", start + m * 60000)
      f[7] = sprintf("%.0f", start + m * 60000 + 59999)
      out = f[1]
      for (c = 2; c <= 12; c++) out = out OFS f[c]
      print out > file
    }
    close(file)
  }
}
