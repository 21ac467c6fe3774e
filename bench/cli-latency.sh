#!/usr/bin/env bash
# How fast the operator's command-line verbs answer, and how much memory they take: mediarelay's client verbs
# against a running mediarelay, and rtpengine-ctl against a running rtpengine, in the same run. Each command runs
# RUNS times (wall time and peak resident memory from /usr/bin/time); the median and the worst are reported.
#
#   bench/cli-latency.sh            # RUNS=10
# Results: target/bench/cli/results.txt. Needs rtpengine-daemon, rtpengine-utils (rtpengine-ctl) and GNU time.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. "$root/bench/common.sh"
runs="${RUNS:-10}"
out="$root/target/bench/cli"
rm -rf "$out"
mkdir -p "$out"
command -v rtpengine-ctl >/dev/null || { echo "rtpengine-ctl missing: apt-get install -y rtpengine-utils" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time missing: apt-get install -y time" >&2; exit 1; }

# timed LABEL COMMAND...: RUNS runs; one line with the median and worst wall time and peak resident memory
timed() {
  local label=$1
  shift
  "$@" > /dev/null 2>&1 || { echo "$label failed: $*" >&2; "$@" >&2 || true; exit 1; }   # warm the page cache
  for _ in $(seq 1 "$runs"); do
    /usr/bin/time -f '%e %M' -o "$out/one" "$@" > /dev/null 2>&1
    cat "$out/one" >> "$out/$label.times"
  done
  sort -n "$out/$label.times" | awk -v label="$label" '{ t[NR] = $1; if ($2 > m) m = $2 }
    END { printf "%-44s median %.2f s, worst %.2f s, peak resident %d MB\n", label, t[int((NR + 1) / 2)], t[NR], m / 1024 }' \
    | tee -a "$out/results.txt"
}

ng_port=$(free_udp_port)
start_mediarelay "$out/mediarelay.log" --ng.listen=127.0.0.1:"$ng_port" --http.listen=127.0.0.1:0 \
  --data.dir="$out/data" --cluster.name="cli-$$"
http=$(sed -n 's/.* http:\([0-9.]*:[0-9]*\).*/\1/p' "$out/mediarelay.log" | head -n 1)
timed "mediarelay help" ./mediarelay help
timed "mediarelay version" ./mediarelay version
timed "mediarelay ng ping" ./mediarelay ng --ng.listen=127.0.0.1:"$ng_port" ping
timed "mediarelay status" ./mediarelay status --http.listen="$http"
timed "mediarelay sessions" ./mediarelay sessions --http.listen="$http"
timed "mediarelay status --json" ./mediarelay status --json --http.listen="$http"
stop_relay

cli_port=$(free_udp_port)
rtpengine --config-file=none --foreground --table=-1 --interface=127.0.0.1 --listen-ng=127.0.0.1:"$(free_udp_port)" \
  --listen-cli=127.0.0.1:"$cli_port" --port-min=40000 --port-max=49999 --log-stderr --log-level=5 \
  > "$out/rtpengine.log" 2>&1 &
rtpe=$!
trap 'kill -TERM $rtpe 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  rtpengine-ctl -ip 127.0.0.1 -port "$cli_port" list numsessions > /dev/null 2>&1 && break
  sleep 0.2
done
timed "rtpengine-ctl list numsessions" rtpengine-ctl -ip 127.0.0.1 -port "$cli_port" list numsessions
timed "rtpengine-ctl list totals" rtpengine-ctl -ip 127.0.0.1 -port "$cli_port" list totals
timed "rtpengine-ctl list sessions all" rtpengine-ctl -ip 127.0.0.1 -port "$cli_port" list sessions all
