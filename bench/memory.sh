#!/usr/bin/env bash
# Resident memory of mediarelay and rtpengine in the same run: at idle (IDLE_SECONDS, 75, after start), with 1,000
# calls held and with CALLS calls held (offer + answer over ng, no media; each call's stream holds four sockets), each
# from every time of SETTLE_SECONDS ("70 160") after its calls were set up: at 70 s the ng replies kept for
# retransmissions (60 s) are still there or just let go; at 160 s they are gone and the collector has had a periodic
# cycle and an uncommit delay (30 s each) since, so that reading is what the held calls keep. Each figure is the
# median of readings every 5 s for WINDOW_SECONDS (60) from that time: a single reading falls anywhere in the
# collector's 30-s cycle, and moved the per-call figure by half from one run to the next.
# mediarelay runs with the launcher's default heap, and with each other JAVA_OPTS asked.
#
#   bench/memory.sh                                   # the default heap and rtpengine, CALLS=4500
#   VARIANTS="fixed4g=-Xms4g -Xmx4g -XX:+AlwaysPreTouch;big=-Xmx2g" bench/memory.sh   # also these JAVA_OPTS
#   ALSO="before=/tmp/mr-before" bench/memory.sh      # also another checkout, with its own launcher's default
#   ALSO="before=/tmp/mr-before|-Xms64m -Xmx2g" bench/memory.sh   # ... or with these JAVA_OPTS (entries split by ;)
# CALLS is bounded by the open-file limit (4 sockets per call; 4,500 under this machine's 20,000).
# Results: target/bench/memory/results.txt. Needs python3 (the shared harness's ng client) and rtpengine-daemon.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. "$root/bench/common.sh"
calls="${CALLS:-4500}"
out="$root/target/bench/memory"
harness="$root/target/bench/harness"
rm -rf "$out"
mkdir -p "$out"
copy_harness "$harness"
limit=$(ulimit -Hn)
if [ $((calls * 4 + 1000)) -gt "$limit" ]; then
  echo "CALLS=$calls needs $((calls * 4)) sockets; the open-file hard limit here is $limit" >&2; exit 2
fi
ulimit -n "$limit"

rss_kb() { awk '/^VmRSS:/ {print $2}' /proc/"$1"/status; }

setup() { # ng-port count: offers and answers for count new calls
  python3 - "$harness" "$1" "$2" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import ng
client = ng.NgClient(("127.0.0.1", int(sys.argv[2])), timeout=5.0, retries=3, window=32)
ng.setup_calls(client, int(sys.argv[3]), port_base=1024)
PY
}

# read_after PID START SECONDS...: for each of SECONDS after START (epoch seconds), the median resident memory (kB) of
# the readings every 5 s over the WINDOW_SECONDS from then; on one line
read_after() {
  local pid=$1 start=$2 s t readings=()
  shift 2
  for s in "$@"; do
    local window=()
    for t in $(seq "$s" 5 $((s + ${WINDOW_SECONDS:-60}))); do
      local wait=$((start + t - $(date +%s)))
      if [ "$wait" -gt 0 ]; then sleep "$wait"; fi
      window+=("$(rss_kb "$pid")")
    done
    readings+=("$(printf '%s\n' "${window[@]}" | sort -n | awk '{v[NR]=$1} END {print v[int((NR + 1) / 2)]}')")
  done
  echo "${readings[@]}"
}

# measure LABEL NG-PORT PID: the figures at idle and at each settle time, one line of results per settle time
measure() {
  local label=$1 port=$2 pid=$3 settle
  read -r -a settle <<< "${SETTLE_SECONDS:-70 160}"
  local idle start thousand all i
  idle=$(read_after "$pid" "$(date +%s)" "${IDLE_SECONDS:-75}")
  setup "$port" 1000; start=$(date +%s)
  read -r -a thousand <<< "$(read_after "$pid" "$start" "${settle[@]}")"
  setup "$port" $((calls - 1000)); start=$(date +%s)
  read -r -a all <<< "$(read_after "$pid" "$start" "${settle[@]}")"
  for i in "${!settle[@]}"; do
    printf '%-28s settle %4d s  idle %6d MB   1,000 calls %6d MB   %d calls %6d MB   per call: %5d B (from idle), %5d B (from 1,000)\n' \
      "$label" "${settle[$i]}" $((idle / 1024)) $((thousand[i] / 1024)) "$calls" $((all[i] / 1024)) \
      $(((all[i] - idle) * 1024 / calls)) $(((all[i] - thousand[i]) * 1024 / (calls - 1000))) | tee -a "$out/results.txt"
  done
}

run_mediarelay() { # label dir java-opts
  local label=$1 dir=$2 opts=$3 port
  port=$(free_udp_port)
  (cd "$dir" && JAVA_OPTS="$opts" start_mediarelay "$out/$label.log" --ng.listen=127.0.0.1:"$port" \
     --http.listen=127.0.0.1:0 --media.ports=20000-59999 --media.timeout.no-media=1h --media.timeout.offer=1h \
     --data.dir="$out/$label-data" --cluster.name="memory-$$-$label"
   measure "mediarelay $label" "$port" "$(pgrep -P "$relay_pid" java || echo "$relay_pid")"
   grep -o -- '-Xm[sx][0-9]*[mg]' /proc/"$relay_pid"/cmdline 2>/dev/null | tr '\n' ' ' >> "$out/$label.flags" || true
   stop_relay)
}

run_mediarelay default "$root" ""
IFS=';' read -r -a variants <<< "${VARIANTS:-}"
for v in "${variants[@]}"; do
  [ -n "$v" ] && run_mediarelay "${v%%=*}" "$root" "${v#*=}"
done
IFS=';' read -r -a others <<< "${ALSO:-}"
for also in "${others[@]}"; do
  [ -z "$also" ] && continue
  spec="${also#*=}"
  if [[ "$spec" == *"|"* ]]; then run_mediarelay "${also%%=*}" "${spec%%|*}" "${spec#*|}"; else run_mediarelay "${also%%=*}" "$spec" ""; fi
done

port=$(free_udp_port)
rtpengine --config-file=none --foreground --table=-1 --interface=127.0.0.1 --listen-ng=127.0.0.1:"$port" \
  --port-min=20000 --port-max=59999 --num-threads=4 --timeout=3600 --delete-delay=0 --log-stderr --log-level=5 \
  > "$out/rtpengine.log" 2>&1 &
rtpe=$!
trap 'kill -TERM $rtpe 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  python3 "$harness/ng.py" --ng "127.0.0.1:$port" --timeout 0.2 --retries 0 ping >/dev/null 2>&1 && break
  sleep 0.2
done
measure rtpengine "$port" "$rtpe"
kill -TERM "$rtpe"; wait "$rtpe" 2>/dev/null || true
