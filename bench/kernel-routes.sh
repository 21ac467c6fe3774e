#!/usr/bin/env bash
# The kernel path's delay from a stream's confirmation to its routes being in the kernel, for bursts of confirmations:
# mediarelay (media.kernel=on; needs root) gets CALLS calls over ng (the shared harness's ng.py), then the harness's
# generator sends RTP both ways for 4 s, so that every stream confirms within its first packets: a burst of CALLS
# installs at once, the worst case of an offer/answer storm. The node's metrics give the installs, their mean and
# their longest delay; the calls are then deleted (a burst of removals) and the metrics read again.
#
#   bench/kernel-routes.sh                 # bursts of 100, 1000 and 2000 calls, about 2 minutes
#   BURSTS="500" bench/kernel-routes.sh
# Results: target/bench/kernel-routes/summary.md. Install and removal throughput in numbers of streams:
# relay-node's KernelForwarderTest prints it (1,000 streams in and out of the real kernel).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. "$root/bench/common.sh"
work="$root/target/bench/harness"
out="$root/target/bench/kernel-routes"
rm -rf "$work" "$out"
mkdir -p "$out"
copy_harness "$work"
make -s -C "$work"

metric() {
  grep -E "^$2 " "$1" | awk '{print $2}' | head -1
}

echo "| calls (streams) | installs | mean confirmation → kernel | longest | removals after delete |" > "$out/summary.md"
echo "| ---: | ---: | ---: | ---: | ---: |" >> "$out/summary.md"
for calls in ${BURSTS:-100 1000 2000}; do
  ng_port=$(free_udp_port)
  start_mediarelay "$out/relay-$calls.log" --ng.listen=127.0.0.1:"$ng_port" --http.listen=127.0.0.1:0 \
    --media.ports=40000-49999 --media.threads=1 --media.kernel=on --data.dir="$out/data-$calls" \
    --cluster.name="kroutes-$$-$calls"
  http=$(grep -o 'http:127\.0\.0\.1:[0-9]*' "$out/relay-$calls.log" | head -1 | cut -d: -f2-)
  python3 "$work/ng.py" --ng 127.0.0.1:"$ng_port" setup --calls "$calls" --out "$out/calls-$calls.txt"
  "$work/rtpgen" --calls "$out/calls-$calls.txt" --stream-pps 50 --duration 4 --warmup 1 --quiet > /dev/null
  curl -s --max-time 10 "http://$http/metrics" > "$out/metrics-$calls-in.txt"
  python3 "$work/ng.py" --ng 127.0.0.1:"$ng_port" teardown --calls-file "$out/calls-$calls.txt"
  curl -s --max-time 10 "http://$http/metrics" > "$out/metrics-$calls-out.txt"
  stop_relay
  m="$out/metrics-$calls-in.txt"
  installs=$(metric "$m" 'mediarelay_kernel_route_changes_total\{change="install"\}')
  sum=$(metric "$m" 'mediarelay_kernel_install_delay_seconds_total')
  max=$(metric "$m" 'mediarelay_kernel_install_delay_max_seconds')
  removed=$(metric "$out/metrics-$calls-out.txt" 'mediarelay_kernel_route_changes_total\{change="remove"\}')
  python3 -c "import sys; c,i,s,m,r=sys.argv[1:]; print('| %s | %s | %.1f ms | %.1f ms | %s |' % (c, i, float(s)/max(1.0,float(i))*1000, float(m)*1000, r))" \
    "$calls" "$installs" "$sum" "$max" "$removed" | tee -a "$out/summary.md"
done
cat "$out/summary.md"
