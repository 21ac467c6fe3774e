#!/usr/bin/env bash
# ng control latency, mediarelay and rtpengine through the same load in one run: offer->reply and answer->reply
# p50/p99 at 200 and 1000 new calls per second (each call deleted 2 s after its answer), from bench/ng_latency.py.
# Each relay runs alone, first pinned to CPU 1 with the load client pinned to CPU 0, then unpinned (both free to
# use both cores, as a production relay runs). Before them in each mode, the same load against bench/ng_floor.c (an
# "ok" to every request, nothing else: the machine's floor, what the round trip alone takes), when gcc is there.
#
#   bench/ng-vs-rtpengine.sh                 # 200 and 1000 cps, 20 s each, pinned and unpinned, ~17 min
#   RATES="200 500 1000" SECONDS_EACH=30 MODES=pinned bench/ng-vs-rtpengine.sh
#   VARIANTS="fixed4g=-Xms4g -Xmx4g -XX:+AlwaysPreTouch" bench/ng-vs-rtpengine.sh   # also this checkout with these
#                                            # JAVA_OPTS (label=options, ';' between), as "mediarelay <label>"
#   ALSO="before=/tmp/mr-before" bench/ng-vs-rtpengine.sh   # also other checkouts of mediarelay (a git worktree of an
#                                            # earlier commit), each as "mediarelay <label>", in the same run
#   LOADS="quiet fsync cpu" MODES=unpinned bench/ng-vs-rtpengine.sh   # each relay also under another process's load:
#                                            # fsync (a writer that fsyncs 64 KiB at a time on the same filesystem as
#                                            # the relay's CDR files, without pause) or cpu (a busy loop per core);
#                                            # labelled "(mode, load)". Delete latency is what the disk load tests.
# Results: target/bench/ng/results.jsonl and target/bench/ng/summary.md. Needs python3 and rtpengine-daemon.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. "$root/bench/common.sh"
out="$root/target/bench/ng"
harness="$root/target/bench/harness"
rates="${RATES:-200 1000}"
each="${SECONDS_EACH:-20}"
warmup="${WARMUP_SECONDS:-120}"
modes="${MODES:-pinned unpinned}"
loads="${LOADS:-quiet}"
rm -rf "$out"
mkdir -p "$out"
copy_harness "$harness"
export HARNESS="$harness"

client() { # mode args...
  if [ "$1" = pinned ]; then shift; taskset -c 0 python3 bench/ng_latency.py "$@"; else shift; python3 bench/ng_latency.py "$@"; fi
}

# Another process's load while a relay is measured (start_load in common.sh); the fsync writer's file is removed after.
stop_hog() {
  stop_load
  rm -rf "$out/hog"
}

measure() { # mode label ng-port relay-pid [warm-up seconds]
  local tag="$1"
  [ "$load" = quiet ] || tag="$1, $load"
  start_load "$load" $(( ${5:-$warmup} + $(echo $rates | wc -w) * (each + 15) + 30 )) "$out/hog"
  client "$1" --ng "127.0.0.1:$3" --cps 500 --seconds "${5:-$warmup}" --label warmup > /dev/null
  for cps in $rates; do
    client "$1" --ng "127.0.0.1:$3" --cps "$cps" --seconds "$each" --label "$2 ($tag)" --pid "$4" \
      --out "$out/results.jsonl"
  done
  stop_hog
}

run_mediarelay() { # mode [checkout label [JAVA_OPTS]]
  local mode=$1 dir=${2:-$root} label=${3:+mediarelay $3} opts=${4:-${JAVA_OPTS:-}}
  label=${label:-mediarelay}
  ng_port=$(free_udp_port)
  cd "$dir"
  JAVA_OPTS="$opts" start_mediarelay "$out/$label.log" --ng.listen=127.0.0.1:"$ng_port" --http.listen=127.0.0.1:0 \
    --media.ports=20000-59999 --data.dir="$out/$label-data" --cluster.name="ngbench-$$"
  cd "$root"
  if [ "$mode" = pinned ]; then
    for t in /proc/"$relay_pid"/task/*; do taskset -pc 1 "${t##*/}" >/dev/null; done
  fi
  # Each measure warms up first (120 s at 500 calls/s, as a relay's first minutes in service would): after only 10 s
  # the JIT was still compiling (C2 used a fifth of a core through the next 20 s, with 300 deoptimisations), and
  # that, not the relay's steady state, set the p99 at 200 calls/s; C2's thread settles only after about 90 s.
  measure "$mode" "$label" "$ng_port" "$relay_pid"
  stop_relay
}

run_rtpengine() { # mode (userspace forwarding, as the RTP harness runs it)
  local mode=$1
  command -v rtpengine >/dev/null || { echo "rtpengine not installed: apt-get install -y rtpengine-daemon" >&2; exit 1; }
  ng_port=$(free_udp_port)
  local pin=()
  [ "$mode" = pinned ] && pin=(taskset -c 1)
  timeout --signal=TERM --kill-after=10 900 "${pin[@]}" rtpengine --config-file=none --foreground --table=-1 \
    --interface=127.0.0.1 --listen-ng=127.0.0.1:"$ng_port" --port-min=20000 --port-max=59999 --num-threads=4 \
    --timeout=60 --delete-delay=0 --log-stderr --log-level=5 > "$out/rtpengine.log" 2>&1 &
  rtpe_pid=$!
  stop_rtpe() { kill -TERM "$rtpe_pid" 2>/dev/null || true; wait "$rtpe_pid" 2>/dev/null || true; }
  trap stop_rtpe EXIT
  for _ in $(seq 1 50); do
    python3 "$harness/ng.py" --ng "127.0.0.1:$ng_port" --timeout 0.2 --retries 0 ping >/dev/null 2>&1 && break
    sleep 0.2
  done
  # timeout forks rtpengine (taskset execs it): the relay is timeout's child.
  measure "$mode" rtpengine "$ng_port" "$(pgrep -P "$rtpe_pid" -x rtpengine)"
  stop_rtpe
  trap - EXIT
}

run_floor() { # mode
  local mode=$1 bin="$out/ng_floor"
  command -v gcc >/dev/null || { echo "no gcc: the floor is not measured" >&2; return 0; }
  [ -x "$bin" ] || gcc -O2 -o "$bin" bench/ng_floor.c
  ng_port=$(free_udp_port)
  local pin=() phases
  [ "$mode" = pinned ] && pin=(taskset -c 1)
  phases=$(echo $rates | wc -w)
  # Bounded: it exits by itself once the phases (and a short warm-up, nothing to compile) are over.
  "${pin[@]}" "$bin" "$ng_port" $((phases * (each + 10) + 30)) &
  local floor_pid=$!
  measure "$mode" floor "$ng_port" "$floor_pid" 5
  kill -TERM "$floor_pid" 2>/dev/null || true
  wait "$floor_pid" 2>/dev/null || true
}

for mode in $modes; do
 for load in $loads; do
  run_floor "$mode"
  run_mediarelay "$mode"
  IFS=';' read -r -a variants <<< "${VARIANTS:-}"
  for v in "${variants[@]}"; do
    [ -n "$v" ] && run_mediarelay "$mode" "$root" "${v%%=*}" "${v#*=}"
  done
  for also in ${ALSO:-}; do
    run_mediarelay "$mode" "${also#*=}" "${also%%=*}"
  done
  run_rtpengine "$mode"
 done
done

python3 - "$out/results.jsonl" <<'PY' | tee "$out/summary.md"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print("| relay | new calls/s | calls | offer p50 / p99 (ms) | answer p50 / p99 (ms) | delete p50 / p99 (ms) | errors "
      "| relay CPU per call (ms) | page faults per call |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for r in rows:
    f = lambda k: "%.3f / %.3f" % (r[k]["p50_us"] / 1000, r[k]["p99_us"] / 1000)
    print("| %s | %d | %d | %s | %s | %s | %d | %.3f | %.1f |" % (r["label"], r["cps"], r["calls"], f("offer"),
          f("answer"), f("delete"), r["errors"] + r["unanswered"], r.get("relay_cpu_ms_per_call", float("nan")),
          r.get("relay_minor_faults_per_call", float("nan"))))
PY
