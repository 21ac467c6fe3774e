#!/usr/bin/env python3
"""ng control latency under a steady rate of new calls: offer->reply and answer->reply, p50/p99/max.

Open loop: call i starts at t0 + i/cps whatever the replies do (a slow relay is not allowed to slow the load down).
Each call: offer; on its reply, answer; on that reply, remember the call; delete it `--hold` seconds later. Only
loopback. Bounded in time and count: stops sending after `--seconds`, waits at most 5 s for the last replies.
Uses the shared harness's bencode (../shared/bench/ng.py, copied under target/bench/harness).
"""
import argparse
import json
import os
import select
import socket
import sys
import time

sys.path.insert(0, os.environ.get("HARNESS", os.path.join(os.path.dirname(__file__), "..", "target", "bench", "harness")))
import ng  # noqa: E402  (the shared harness)


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, int(round(p / 100.0 * (len(sorted_values) - 1))))
    return sorted_values[k]


def proc_stat(pid):
    """The fields of /proc/PID/stat after the command name (the first is the state, field 3 of proc(5))."""
    with open("/proc/%d/stat" % pid) as f:
        return f.read().rsplit(")", 1)[1].split()


def cpu_seconds(pid):
    """User plus system CPU time of process `pid` (all its threads) so far."""
    fields = proc_stat(pid)
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def minor_faults(pid):
    """Page faults served without I/O so far: a process touching new memory (a growing heap) takes one per page."""
    return int(proc_stat(pid)[7])


def run(ngaddr, cps, seconds, hold, label, samples=None, pid=None):
    host, port = ng.parse_hostport(ngaddr)
    ng.check_loopback(host)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    # A relay catching up after a stall answers a burst: room for it here, so that a reply is never lost on the
    # client's side and "unanswered" counts only requests the relay dropped (capped by net.core.rmem_max).
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 * 1024 * 1024)
    sock.connect((host, port))
    sock.setblocking(False)
    pfx = "%x_%d_" % (os.getpid(), int(time.time()))
    total = int(cps * seconds)
    pending = {}            # cookie -> (kind, call index, sent ns)
    lat = {"offer": [], "answer": [], "delete": []}
    errors = []
    deletes = []            # (due ns, call index), in order
    cpu0 = cpu_seconds(pid) if pid else None
    faults0 = minor_faults(pid) if pid else None
    t0 = time.perf_counter_ns()
    started_at = time.time()
    started = 0
    deleted = 0
    stop_at = t0 + int((seconds + hold + 5) * 1e9)

    def send(kind, i, msg):
        ck = "%s%s%d" % (pfx, kind[0], i)
        datagram = ck.encode() + b" " + ng.bencode(msg)
        # Timed before the send: on loopback the send itself delivers the datagram and can wake the relay, which may
        # answer before send() returns here (read after it, an offer seemed answered in 0.02 ms).
        pending[ck] = (kind, i, time.perf_counter_ns())
        sock.send(datagram)

    def call_id(i):
        return "lat-%s%d" % (pfx, i)

    while True:
        now = time.perf_counter_ns()
        if now > stop_at:
            break
        while started < total and now >= t0 + int(started * 1e9 / cps):
            i = started
            send("offer", i, {"command": "offer", "call-id": call_id(i), "from-tag": "a%d" % i,
                              "received from": ["IP4", "127.0.0.1"], "replace": ["origin", "session-connection"],
                              "sdp": ng.make_sdp("caller", "127.0.0.1", 20000 + 2 * (i % 10000), i)})
            started += 1
        while deleted < len(deletes) and now >= deletes[deleted][0]:
            i = deletes[deleted][1]
            send("delete", i, {"command": "delete", "call-id": call_id(i), "from-tag": "a%d" % i})
            deleted += 1
        if started >= total and not pending and deleted >= len(deletes):
            break
        next_start = t0 + int(started * 1e9 / cps) if started < total else stop_at
        next_delete = deletes[deleted][0] if deleted < len(deletes) else stop_at
        wait = max(0, min(next_start, next_delete, stop_at) - time.perf_counter_ns()) / 1e9
        r, _, _ = select.select([sock], [], [], min(wait, 0.05))
        if not r:
            continue
        while True:
            try:
                data = sock.recv(65535)
            except (BlockingIOError, InterruptedError):
                break
            got = time.perf_counter_ns()
            ck, _, body = data.partition(b" ")
            ent = pending.pop(ck.decode("ascii", "replace"), None)
            if ent is None:
                continue
            kind, i, sent = ent
            lat[kind].append((got - sent) / 1000.0)
            if samples is not None:
                samples.append((kind, (sent - t0) / 1e9, (got - sent) / 1000.0))
            reply = ng.bdecode(body)
            if reply.get("result") != "ok":
                errors.append("%s %d: %r" % (kind, i, reply.get("error-reason", reply.get("result"))))
                continue
            if kind == "offer":
                send("answer", i, {"command": "answer", "call-id": call_id(i), "from-tag": "a%d" % i,
                                   "to-tag": "b%d" % i, "received from": ["IP4", "127.0.0.1"],
                                   "replace": ["origin", "session-connection"],
                                   "sdp": ng.make_sdp("callee", "127.0.0.1", 40000 + 2 * (i % 10000), i)})
            elif kind == "answer":
                deletes.append((got + int(hold * 1e9), i))
    sock.close()
    out = {"label": label, "started": round(started_at, 3), "cps": cps, "seconds": seconds, "calls": total,
           "errors": len(errors),
           "unanswered": len(pending), "first_errors": errors[:5]}
    if pid:
        # Everything the relay did meanwhile, divided over the calls: offer, answer, delete and whatever else it
        # does per call (timers, accounting), plus its idle background work.
        out["relay_cpu_ms_per_call"] = round((cpu_seconds(pid) - cpu0) * 1000 / total, 3)
        out["relay_minor_faults_per_call"] = round((minor_faults(pid) - faults0) / total, 1)
    for kind, values in lat.items():
        v = sorted(values)
        out[kind] = {"n": len(v), "p50_us": round(percentile(v, 50), 1), "p99_us": round(percentile(v, 99), 1),
                     "max_us": round(v[-1], 1) if v else None}
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--ng", required=True)
    p.add_argument("--cps", type=float, required=True)
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--hold", type=float, default=2.0, help="seconds from answer to delete")
    p.add_argument("--label", default="relay")
    p.add_argument("--out", help="append the result as one JSON line")
    p.add_argument("--pid", type=int, help="the relay's process id: report its CPU time per call")
    p.add_argument("--samples", help="write every reply as 'kind seconds-since-start latency-us' lines, for plots")
    a = p.parse_args()
    if a.cps <= 0 or a.cps > 5000 or a.seconds <= 0 or a.seconds > 120:
        raise SystemExit("--cps must be in (0, 5000] and --seconds in (0, 120]")
    samples = [] if a.samples else None
    res = run(a.ng, a.cps, a.seconds, a.hold, a.label, samples, a.pid)
    if a.samples:
        with open(a.samples, "w") as f:
            f.writelines("%s %.6f %.1f\n" % s for s in samples)
    line = json.dumps(res)
    print(line)
    if a.out:
        with open(a.out, "a") as f:
            f.write(line + "\n")


if __name__ == "__main__":
    main()
