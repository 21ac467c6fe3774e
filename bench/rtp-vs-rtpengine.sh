#!/usr/bin/env bash
# RTP forwarding, mediarelay, rtpengine and the ideal C forwarder through the same load in one run, with the shared harness
# (../shared/bench; its README says what is measured). The harness is copied and built under target/bench/harness,
# because ../shared is read-only. Each relay runs alone: mediarelay in userspace first (media.kernel=off), then
# mediarelay with its kernel path (media.kernel=on; needs root), then the ALSO checkouts, rtpengine, the ideal forwarder.
# The copy's generator also reports its own user time, so that the summary's last table can give whole-machine CPU per
# forwarded packet (/proc/stat, all CPUs, minus the generator's user time): the kernel path's work for loopback
# traffic runs in the sending process's context, where the relay process's own CPU does not show it.
#
#   bench/rtp-vs-rtpengine.sh            # full run (sweep + max-rate search, unpinned and pinned), ~60 min
#   bench/rtp-vs-rtpengine.sh --quick    # smoke test, ~5 min
#   PHASES=pinned bench/rtp-vs-rtpengine.sh   # only the pinned phase (relay on CPU 1, generator on CPU 0)
#   KERNEL=0 bench/rtp-vs-rtpengine.sh  # without the kernel-path run (e.g. not root)
#   VARIANTS="uring=--media.transport=io_uring,--media.kernel=off" bench/rtp-vs-rtpengine.sh   # this checkout again,
#                                      # with other settings, labelled as given
#   ALSO="before=/tmp/mr-before" bench/rtp-vs-rtpengine.sh   # also other checkouts of mediarelay (a git worktree of an
#                                      # earlier commit), each after this one, with the same load, labelled as given
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
python3 "$root/bench/rtpgen_user_time.py" "$work/rtpgen.c"
make -s -C "$work"

# run_mediarelay DIR LABEL [--media.*=...] ARGS...: the checkout in DIR (its own launcher, built on first use) through
# the load; leading --media.* arguments go to mediarelay, the rest to the harness.
run_mediarelay() {
  local dir=$1 label=$2
  shift 2
  local relay_args=()
  while [ $# -gt 0 ] && [[ $1 == --media.* ]]; do relay_args+=("$1"); shift; done
  local ng_port
  ng_port=$(free_udp_port)
  (cd "$dir" && JAVA_OPTS="${JAVA_OPTS:-}" start_mediarelay "$out/$label.log" --ng.listen=127.0.0.1:"$ng_port" \
    --http.listen=127.0.0.1:0 --media.ports=40000-49999 --media.threads="${MEDIA_THREADS:-1}" \
    --data.dir="$out/$label-data" --cluster.name="bench-$$-$label" ${relay_args[@]+"${relay_args[@]}"}
   "$work/run-relay.sh" --ng 127.0.0.1:"$ng_port" --relay-pid "$relay_pid" --label "$label" \
     --out "$out/$label" --phases "$phases" "$@"
   # The node's metrics at the end (the kernel path's installs and their delays among them).
   http=$(grep -o 'http:127\.0\.0\.1:[0-9]*' "$out/$label.log" | head -1 | cut -d: -f2-)
   [ -z "$http" ] || curl -s --max-time 10 "http://$http/metrics" > "$out/$label.metrics" || true
   stop_relay)
}

# --- mediarelay, userspace and kernel path (and the other checkouts asked for, on their defaults) ---
run_mediarelay "$root" mediarelay --media.kernel=off "$@"
labels=("$out/mediarelay")
if [ "${KERNEL:-1}" = 1 ]; then
  run_mediarelay "$root" mediarelay-kernel --media.kernel=on "$@"
  labels+=("$out/mediarelay-kernel")
fi
# VARIANTS="label=--media.x=y,--media.z=w ...": this checkout again with other settings (e.g. io_uring's batched I/O).
for variant in ${VARIANTS:-}; do
  IFS=, read -r -a variant_args <<< "${variant#*=}"
  run_mediarelay "$root" "${variant%%=*}" "${variant_args[@]}" "$@"
  labels+=("$out/${variant%%=*}")
done
for also in ${ALSO:-}; do
  run_mediarelay "${also#*=}" "${also%%=*}" "$@"
  labels+=("$out/${also%%=*}")
done

# --- rtpengine, the same load ---
NG_PORT=$(free_udp_port) OUT="$out/rtpengine" LABEL=rtpengine-userspace "$work/run-peer.sh" --phases "$phases" "$@"

# --- the ideal forwarder (static, no ng): what this machine's kernel allows at best ---
"$work/run-relay.sh" --static --label idealfwd --out "$out/idealfwd" --phases "$phases" "$@"

{ python3 "$work/summarize.py" "${labels[@]}" "$out/rtpengine" "$out/idealfwd"
  python3 "$root/bench/rtp_cpu_per_packet.py" "${labels[@]}" "$out/rtpengine" "$out/idealfwd"; } | tee "$out/summary.md"
