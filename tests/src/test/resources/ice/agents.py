#!/usr/bin/env python3
"""Two real ICE agents (aioice, Debian's python3-aioice) whose candidates go through mediarelay.

The controlling agent is aioice's own: it nominates aggressively (USE-CANDIDATE on every check it sends, RFC 5245
§8.1.1.2), the relay's pair included. The test relays the agents' SDP over ng and hands back what the relay
rewrote. Driven over the standard streams, one JSON object per line:

  out {"offerer": {...}, "answerer": {...}}      each agent's ufrag, pwd and candidates (SDP a=candidate values)
  in  {"offerer": {...}, "answerer": {...}}      what each agent gets from the other, as the relay rewrote it
  out {"event": "relay-checked"}                 the controlling agent sent its check through the relay, with
                                                 USE-CANDIDATE (whether ICE then keeps that pair is another matter)
  out {"event": "connected"}                     both agents completed ICE
  in  go                                         the test has done what it wanted meanwhile
  out {"event": "selected", ...}                 once no check is in progress (at most 3 s): the pair each agent
                                                 uses, and whether the controlling one checked the relay's pair
  out {"event": "media", ...}                    RTP-shaped datagrams sent and received each way
  out {"event": "done"}                          after HOLD seconds more of ICE consent, the agents closed

Arguments: MEDIA_PACKETS HOLD_SECONDS OFFERER_ADDRESS ANSWERER_ADDRESS (each agent's one host address, as a phone
with one interface has). Bounded: it gives up after 120 s.
"""
import asyncio
import json
import struct
import sys

import aioice
import aioice.ice


def describe(conn):
    return {
        "ufrag": conn.local_username,
        "pwd": conn.local_password,
        "candidates": [c.to_sdp() for c in conn.local_candidates],
    }


async def take(conn, remote):
    conn.remote_username = remote["ufrag"]
    conn.remote_password = remote["pwd"]
    for c in remote["candidates"]:
        await conn.add_remote_candidate(aioice.Candidate.from_sdp(c))
    await conn.add_remote_candidate(None)


def selected(conn):
    pair = conn._nominated.get(1)
    return None if pair is None else "%s:%d" % (pair.remote_candidate.host, pair.remote_candidate.port)


def relay_checked(conn, relay_candidates):
    """Whether this agent sent a check on a pair to the relay (as the controlling agent: with USE-CANDIDATE)."""
    relay = {(c.host, c.port) for c in relay_candidates}
    waiting = (aioice.ice.CandidatePair.State.FROZEN, aioice.ice.CandidatePair.State.WAITING)
    return any(p.state not in waiting and (p.remote_candidate.host, p.remote_candidate.port) in relay
               for p in conn._check_list)


async def report_relay_check(conn, relay_candidates):
    while not relay_checked(conn, relay_candidates):
        await asyncio.sleep(0.005)
    print(json.dumps({"event": "relay-checked"}), flush=True)


async def settled(*conns):
    for _ in range(300):
        if all(p.state != aioice.ice.CandidatePair.State.IN_PROGRESS for c in conns for p in c._check_list):
            return
        await asyncio.sleep(0.01)


def rtp(seq, ssrc):
    return struct.pack("!BBHII", 0x80, 0, seq, seq * 160, ssrc) + bytes(160)


async def send_media(conn, count, ssrc):
    for seq in range(count):
        await conn.sendto(rtp(seq, ssrc), 1)
        await asyncio.sleep(0.02)


async def receive_media(conn, counts, key):
    while True:
        data, component = await conn.recvfrom()
        if len(data) >= 12 and data[0] == 0x80:
            counts[key] += 1


async def gathered(conn, address):
    aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: [address]
    await conn.gather_candidates()
    return conn


async def main(packets, hold, offerer_address, answerer_address):
    loop = asyncio.get_running_loop()
    offerer = await gathered(aioice.Connection(ice_controlling=True, components=1, use_ipv6=False), offerer_address)
    answerer = await gathered(aioice.Connection(ice_controlling=False, components=1, use_ipv6=False),
                              answerer_address)
    print(json.dumps({"offerer": describe(offerer), "answerer": describe(answerer)}), flush=True)

    rewritten = json.loads(await loop.run_in_executor(None, sys.stdin.readline))
    await take(offerer, rewritten["offerer"])
    await take(answerer, rewritten["answerer"])
    relay_for_offerer = [aioice.Candidate.from_sdp(c) for c in rewritten["offerer"]["candidates"]
                         if " typ relay" in c]
    watcher = asyncio.ensure_future(report_relay_check(offerer, relay_for_offerer))
    await asyncio.gather(offerer.connect(), answerer.connect())
    print(json.dumps({"event": "connected"}), flush=True)
    await loop.run_in_executor(None, sys.stdin.readline)
    await settled(offerer, answerer)
    watcher.cancel()
    print(json.dumps({"event": "selected", "offerer": selected(offerer), "answerer": selected(answerer),
                      "offerer_checked_relay": relay_checked(offerer, relay_for_offerer)}), flush=True)

    counts = {"at_answerer": 0, "at_offerer": 0}
    receivers = [asyncio.ensure_future(receive_media(answerer, counts, "at_answerer")),
                 asyncio.ensure_future(receive_media(offerer, counts, "at_offerer"))]
    await asyncio.gather(send_media(offerer, packets, 0x0FFE), send_media(answerer, packets, 0x0A5E))
    await asyncio.sleep(0.5)
    print(json.dumps({"event": "media", **counts}), flush=True)

    await asyncio.sleep(hold)
    for r in receivers:
        r.cancel()
    await offerer.close()
    await answerer.close()
    print(json.dumps({"event": "done"}), flush=True)


if __name__ == "__main__":
    asyncio.run(asyncio.wait_for(main(int(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4]), timeout=120))
