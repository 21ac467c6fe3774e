#!/usr/bin/env bash
# RTP forwarding, mediarelay, rtpengine and the ideal C forwarder through the same load in one run, with the shared harness
# (../shared/bench; its README says what is measured). The harness is copied and built under target/bench/harness,
# because ../shared is read-only. Each relay runs alone: mediarelay first (then stopped), then rtpengine.
#
#   bench/rtp-vs-rtpengine.sh            # full run (sweep + max-rate search, unpinned and pinned), ~60 min
#   bench/rtp-vs-rtpengine.sh --quick    # smoke test, ~5 min
#   PHASES=pinned bench/rtp-vs-rtpengine.sh   # only the pinned phase (relay on CPU 1, generator on CPU 0)
# Environment: everything run-relay.sh reads (DURATION, SWEEP_CALLS, ...), MEDIA_THREADS (mediarelay's media loops,
# default 1: the pinned phase gives the relay one core), JAVA_OPTS (extra JVM options for mediarelay).
# Results: target/bench/rtp/<label>/ and target/bench/rtp/summary.md. Needs gcc, make, python3 and rtpengine-daemon.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. "$root/bench/common.sh"
work="$root/target/bench/harness"
out="$root/target/bench/rtp"
phases="${PHASES:-unpinned,pinned}"
rm -rf "$work" "$out"
mkdir -p "$out"
copy_harness "$work"
make -s -C "$work"

# --- mediarelay ---
ng_port=$(free_udp_port)
data="$out/mediarelay-data"
JAVA_OPTS="${JAVA_OPTS:-}" start_mediarelay "$out/mediarelay.log" --ng.listen=127.0.0.1:"$ng_port" \
  --http.listen=127.0.0.1:0 --media.ports=40000-49999 --media.threads="${MEDIA_THREADS:-1}" --data.dir="$data" \
  --cluster.name="bench-$$"
"$work/run-relay.sh" --ng 127.0.0.1:"$ng_port" --relay-pid "$relay_pid" --label mediarelay \
  --out "$out/mediarelay" --phases "$phases" "$@"
stop_relay

# --- rtpengine, the same load ---
NG_PORT=$(free_udp_port) OUT="$out/rtpengine" LABEL=rtpengine-userspace "$work/run-peer.sh" --phases "$phases" "$@"

# --- the ideal forwarder (static, no ng): what this machine's kernel allows at best ---
"$work/run-relay.sh" --static --label idealfwd --out "$out/idealfwd" --phases "$phases" "$@"

python3 "$work/summarize.py" "$out/mediarelay" "$out/rtpengine" "$out/idealfwd" | tee "$out/summary.md"
