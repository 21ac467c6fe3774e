#!/usr/bin/env bash
# How much heap one node needs per held call: CALLS calls (offer + answer over ng, each stream two port pairs, four
# sockets) held by one mediarelay with -Xmx1g, then the heap in use after a full GC, per call, and extrapolated.
#
#   bench/capacity.sh            # 4,500 calls: 18,000 sockets, under this machine's open-file limit of 20,000
#   CALLS=2000 bench/capacity.sh
# Results: target/bench/capacity/result.txt. Needs python3 (the shared harness's ng client).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. "$root/bench/common.sh"
calls="${CALLS:-4500}"
out="$root/target/bench/capacity"
harness="$root/target/bench/harness"
rm -rf "$out"
mkdir -p "$out"
copy_harness "$harness"
limit=$(ulimit -Hn)
if [ $((calls * 4 + 500)) -gt "$limit" ]; then
  echo "CALLS=$calls needs $((calls * 4)) sockets; the open-file hard limit here is $limit" >&2; exit 2
fi

ng_port=$(free_udp_port)
JAVA_OPTS="-Xmx1g ${JAVA_OPTS:-}" start_mediarelay "$out/mediarelay.log" --ng.listen=127.0.0.1:"$ng_port" \
  --http.listen=127.0.0.1:0 --media.ports=20000-59999 --media.timeout.no-media=1h --media.timeout.offer=1h \
  --data.dir="$out/data" --cluster.name="capacity-$$"
java_pid=$(pgrep -P "$relay_pid" java || echo "$relay_pid")

heap_used_kb() { # after a full GC
  jcmd "$java_pid" GC.run > /dev/null
  jcmd "$java_pid" GC.heap_info | sed -n 's/.*used \([0-9]*\)K.*/\1/p' | head -n 1
}
base=$(heap_used_kb)
python3 - "$harness" "$ng_port" "$calls" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import ng
client = ng.NgClient(("127.0.0.1", int(sys.argv[2])), timeout=2.0, retries=2, window=64)
calls = ng.setup_calls(client, int(sys.argv[3]), port_base=1024)
print("set up %d calls" % len(calls))
PY
held=$(heap_used_kb)
fds=$(ls /proc/"$java_pid"/fd | wc -l)
rss_mb=$(( $(awk '/^VmRSS:/ {print $2}' /proc/"$java_pid"/status) / 1024 ))
per_call=$(( (held - base) * 1024 / calls ))
{
  echo "calls held: $calls (sockets: $((calls * 4)), process fds: $fds)"
  echo "heap after full GC: before $((base / 1024)) MB, with the calls $((held / 1024)) MB"
  echo "per call: $per_call bytes; process resident memory with the calls: $rss_mb MB"
  echo "10,000 calls, extrapolated: $(( (base * 1024 + per_call * 10000) / 1048576 )) MB"
} | tee "$out/result.txt"
