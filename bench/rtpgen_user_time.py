#!/usr/bin/env python3
"""Makes the harness copy's rtpgen.c also report its own user time ("gen_user_pct"), next to gen_cpu_pct (user +
system): whole-machine CPU per packet subtracts only the generator's user time, since the kernel's forwarding of
loopback traffic runs in the sender's system time. Edits the copy in place; fails loudly if the source changed."""
import re
import sys

path = sys.argv[1]
src = open(path).read()
anchor = 'J("\\"gen_cpu_pct\\":%.1f,\\"relay_cpu_pct\\":[", gen_cpu);'
if anchor not in src or "gen_user_pct" in src:
    sys.exit("rtpgen_user_time.py: %s is not the rtpgen.c it knows" % path)
m = re.search(r"double gen_cpu = 100\.0 \*", src)
if not m:
    sys.exit("rtpgen_user_time.py: no gen_cpu computation in %s" % path)
user = ("\tdouble gen_user = 100.0 * ((s1.ru.ru_utime.tv_sec - s0.ru.ru_utime.tv_sec) +\n"
        "\t\t1e-6 * (s1.ru.ru_utime.tv_usec - s0.ru.ru_utime.tv_usec)) / win;\n")
src = src[:m.start()] + user.lstrip("\t") + "\t" + src[m.start():]
src = src.replace(anchor, 'J("\\"gen_user_pct\\":%.1f,", gen_user);\n\t' + anchor)
open(path, "w").write(src)
