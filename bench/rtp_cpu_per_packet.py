#!/usr/bin/env python3
"""CPU per forwarded packet, side by side, from run-relay.sh result directories (bench/rtp-vs-rtpengine.sh):

  rtp_cpu_per_packet.py DIR...

For each directory's pinned trials (sweep and max-rate search): the relay process's CPU per forwarded packet, and the
whole machine's (/proc/stat over all CPUs: user + system + irq/softirq) minus the generator's own user time (the
generator copy reports it as gen_user_pct), in ns per packet. The kernel path forwards loopback traffic in the
sender's context, which the relay process's CPU does not show and the whole machine's does. Ratios are to the
directory named rtpengine (userspace) and idealfwd, trial by trial at the same calls and target rate.
"""
import json
import os
import sys


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def trials(d):
    p = os.path.join(d, "pinned.jsonl")
    if not os.path.exists(p):
        return {}
    out = {}
    for r in load(p):
        if r.get("phase") in ("sweep", "search") and r.get("counted", True) and r["forwarded_pps"] > 0:
            out[(r["phase"], r["calls"], round(r["target_pps"]))] = r
    return out


def ns_per_packet(pct, pps):
    return pct / 100.0 / pps * 1e9


def relay_ns(r):
    return ns_per_packet(r["relay_cpu_pct"][0], r["forwarded_pps"]) if r.get("relay_cpu_pct") else float("nan")


def machine_ns(r):
    if "gen_user_pct" not in r:
        return float("nan")
    a = r.get("cpu_breakdown", {}).get("all", {})
    busy = a.get("user", 0) + a.get("sys", 0) + a.get("irq_softirq", 0) - r["gen_user_pct"]
    return ns_per_packet(max(0.0, busy), r["forwarded_pps"])


def main():
    dirs = sys.argv[1:]
    data = {os.path.basename(d.rstrip("/")): trials(d) for d in dirs}
    ref = data.get("rtpengine", {})
    ideal = data.get("idealfwd", {})
    print("## CPU per forwarded packet (pinned: relay CPU 1, generator CPU 0)\n")
    print("Relay process and whole machine (all CPUs, minus the generator's user time), ns per forwarded packet; "
          "ratios to rtpengine and to the ideal forwarder at the same trial.\n")
    print("| build | trial | calls | target pps | forwarded pps | p50 µs | p99 µs | relay ns/pkt | machine ns/pkt "
          "| relay ÷ rtpengine | machine ÷ rtpengine | machine ÷ ideal |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, ts in data.items():
        for key in sorted(ts):
            r = ts[key]
            rr, ri = ref.get(key), ideal.get(key)

            def ratio(a, b):
                return "%.2f" % (a / b) if b and b == b and a == a and b > 0 else "–"
            print("| %s | %s | %d | %.0f | %.0f | %d | %d | %.0f | %.0f | %s | %s | %s |" % (
                label, key[0], key[1], key[2], r["forwarded_pps"], r["lat_p50_us"], r["lat_p99_us"], relay_ns(r),
                machine_ns(r), ratio(relay_ns(r), relay_ns(rr) if rr else None),
                ratio(machine_ns(r), machine_ns(rr) if rr else None),
                ratio(machine_ns(r), machine_ns(ri) if ri else None)))
    print()


if __name__ == "__main__":
    main()
