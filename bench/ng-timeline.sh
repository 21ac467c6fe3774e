#!/usr/bin/env bash
# One mediarelay through a load step, second by second, with its collector's log: where a latency tail comes from.
# Warms up at 500 new calls/s for 60 s, then CPS (1000) new calls/s for SECONDS_EACH (40) s, each call deleted 2 s
# after its answer, optionally under another process's load (as bench/ng-vs-rtpengine.sh's LOADS). Prints the delete
# p50/p99 and, for each second of the measurement, the p99 of every reply in it, next to the collections that ran
# (from -Xlog:gc, kept with the results on tmpfs so that the log itself never waits for the disk).
#
#   bench/ng-timeline.sh LABEL [quiet|fsync|cpu] ["JAVA_OPTS"]
#   bench/ng-timeline.sh g1 fsync "-XX:+UseG1GC"
# Results: /dev/shm/mediarelay-timeline/LABEL/ (relay.log, gc.log, samples.txt, result.json).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. "$root/bench/common.sh"
label=${1:?label}
load=${2:-quiet}
opts=${3:-}
cps=${CPS:-1000}
out=/dev/shm/mediarelay-timeline/$label
rm -rf "$out"
mkdir -p "$out"
copy_harness "$root/target/bench/harness"
export HARNESS="$root/target/bench/harness"
data="$root/target/bench/timeline-data"
rm -rf "$data"
port=$(free_udp_port)
JAVA_OPTS="$opts -Xlog:gc*,safepoint:file=$out/gc.log:uptime" start_mediarelay "$out/relay.log" \
  --ng.listen=127.0.0.1:"$port" --http.listen=127.0.0.1:0 --media.ports=20000-59999 --data.dir="$data" \
  --cluster.name="timeline-$$"
start_load "$load" 200 "$data"
python3 bench/ng_latency.py --ng 127.0.0.1:"$port" --cps 500 --seconds 60 --label warmup > /dev/null
# The JVM's uptime against the wall clock, to place the collector's log lines (JVM uptime) on the measurement's seconds.
jcmd="$(dirname "$(readlink -f "$(command -v java)")")/jcmd"
jvm_start=$(python3 -c 'import sys, time; print(time.time() - float(sys.argv[1]))' \
  "$("$jcmd" "$relay_pid" VM.uptime | sed -n 's/^\([0-9.]*\) s$/\1/p')")
python3 bench/ng_latency.py --ng 127.0.0.1:"$port" --cps "$cps" --seconds "${SECONDS_EACH:-40}" --label "$label" \
  --pid "$relay_pid" --samples "$out/samples.txt" --out "$out/result.json" > /dev/null
stop_load
stop_relay
rm -rf "$data"
python3 - "$out" "$jvm_start" <<'PY'
import collections, json, re, sys
out, jvm_start = sys.argv[1], float(sys.argv[2])
r = json.loads(open(out + "/result.json").read().splitlines()[-1])
d = r["delete"]
print("%s: delete p50 %.2f ms, p99 %.1f ms, max %.0f ms; unanswered %d; relay CPU %.3f ms per call" % (
    r["label"], d["p50_us"] / 1000, d["p99_us"] / 1000, d["max_us"] / 1000, r["unanswered"],
    r["relay_cpu_ms_per_call"]))
offset = r["started"] - jvm_start  # the measurement's start in JVM uptime
cycles = collections.defaultdict(list)
for line in open(out + "/gc.log"):
    m = re.match(r"\[(\d+\.\d+)s\] (GC\(\d+\) (Pause \w+( \w+)*|Concurrent (marking|evacuation)) .*?([\d.]+ms))$", line.strip())
    if m:  # logged when a phase ends: placed at its start
        began = float(m.group(1)) - float(m.group(6)[:-2]) / 1000
        cycles[int(began - offset)].append(m.group(2))
seconds = collections.defaultdict(list)
for line in open(out + "/samples.txt"):
    _, t, us = line.split()
    seconds[int(float(t))].append(float(us) / 1000)
for s in sorted(seconds):
    v = sorted(seconds[s])
    print("%3d s  p99 %7.1f ms  %s" % (s, v[int(len(v) * 0.99)], "; ".join(cycles.get(s, []))[:150]))
PY
