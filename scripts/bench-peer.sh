#!/usr/bin/env bash
# The peer benchmark of docs/performance.md (`task bench-peer`): the same
# work done by lagebild and by pandas on one generated case export of
# SIZE cases (default 1M), measured in one run, with ratios.
#   1. raw CSV → briefing tables: `lagebild import` + `lagebild brief`
#      (the first brief builds the store's cube file) vs
#      scripts/peer_pandas.py brief (read_csv + crosstabs)
#   2. the repeat question: `lagebild brief` again vs the pandas run again
#   3. one filter change with three tables, in memory: p50/p95 of
#      BenchmarkFilterChangeThreeTables vs peer_pandas.py filters
# Time and peak memory (max RSS) come from GNU time. pandas is Debian's
# python3-pandas run by /usr/bin/python3 (a python3 on PATH may be a
# pyenv shim without it); without it the benchmark is skipped.
set -euo pipefail
SIZE=${SIZE:-1M}
PY=/usr/bin/python3
if ! [ -x "$PY" ] || ! "$PY" -c 'import pandas' 2>/dev/null; then
	echo "bench-peer: skipped: pandas is missing (apt-get install -y python3-pandas)"
	exit 0
fi
if ! [ -x /usr/bin/time ]; then
	echo "bench-peer: skipped: GNU time (/usr/bin/time) is missing (apt-get install -y time)"
	exit 0
fi
cd "$(dirname "$0")/.."
LAGEBILD_BENCH_BUILD=1 LAGEBILD_BENCH_SIZES=$SIZE go test -count=1 -run '^TestBuildStores$' ./internal/benchdata >/dev/null
case "$SIZE" in
*[kK]) N=$(( ${SIZE%?} * 1000 )) ;;
*[mM]) N=$(( ${SIZE%?} * 1000000 )) ;;
*) N=$SIZE ;;
esac
CSV=$(ls -t .cache/bench/export-"$N"-seed1-*.csv 2>/dev/null | head -1)
if [ -z "$CSV" ]; then
	echo "bench-peer: no cached export of $SIZE cases in .cache/bench" >&2
	exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/lagebild" ./cmd/lagebild
export LAGEBILD_PSEUDONYM_KEY=benchmark-key-0123456789
# measure NAME CMD…: runs CMD under GNU time, prints and records seconds and MB
measure() {
	local name=$1; shift
	/usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
	read -r secs kb <"$work/time"
	printf -v "T_$name" '%s' "$secs"
	printf -v "M_$name" '%s' "$((kb / 1024))"
}
measure import "$work/lagebild" import --db "$work/store.duckdb" "$CSV"
measure brief1 "$work/lagebild" brief --db "$work/store.duckdb"
measure brief2 "$work/lagebild" brief --db "$work/store.duckdb"
measure pandas1 "$PY" scripts/peer_pandas.py brief "$CSV"
measure pandas2 "$PY" scripts/peer_pandas.py brief "$CSV"
peer_filters=$("$PY" scripts/peer_pandas.py filters "$CSV" 40)
ours_filters=$(LAGEBILD_BENCH_SIZES=$SIZE go test -run '^$' -bench "BenchmarkFilterChangeThreeTables/$SIZE\$" -benchtime 40x ./queries |
	awk '/BenchmarkFilterChangeThreeTables/ { for (i = 1; i <= NF; i++) { if ($i == "p50-ms") p50 = $(i-1); if ($i == "p95-ms") p95 = $(i-1) } } END { print "p50-ms", p50, "p95-ms", p95 }')
first=$(echo "$T_import + $T_brief1" | bc)
peakl=$(( M_import > M_brief1 ? M_import : M_brief1 ))
ratio() { echo "scale=1; $1 / $2" | bc; }
echo "peer benchmark on $CSV ($SIZE cases)"
echo "| work | lagebild | pandas | ratio |"
echo "|---|---|---|---|"
echo "| raw CSV → briefing tables | ${first} s (import ${T_import} s, ${M_import} MB; brief ${T_brief1} s, ${M_brief1} MB; peak ${peakl} MB) | ${T_pandas1} s, ${M_pandas1} MB | $(ratio "$T_pandas1" "$first")× |"
echo "| repeat question | brief ${T_brief2} s, ${M_brief2} MB | ${T_pandas2} s, ${M_pandas2} MB | $(ratio "$T_pandas2" "$T_brief2")× |"
o50=$(echo "$ours_filters" | awk '{print $2}'); o95=$(echo "$ours_filters" | awk '{print $4}')
p50=$(echo "$peer_filters" | awk '{print $2}'); p95=$(echo "$peer_filters" | awk '{print $4}')
echo "| one filter change, three tables (p50 / p95) | ${o50} / ${o95} ms | ${p50} / ${p95} ms | $(ratio "$p50" "$o50")× / $(ratio "$p95" "$o95")× |"
