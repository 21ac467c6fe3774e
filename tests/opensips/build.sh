#!/usr/bin/env bash
# Builds the OpenSIPS that tests/OpenSipsTest runs (Debian 12 has no opensips package) from a release tarball, with
# only the modules the test loads, into PREFIX; a second run with the same tarball is a no-op (the stamp names its
# sha256), so CI pays for the build once per machine.
#
#   tests/opensips/build.sh TARBALL [PREFIX]
#   TARBALL  a release's source, e.g. ../shared/opensips/opensips-3.4.18.tar.gz (one top-level directory)
#   PREFIX   default ${MEDIARELAY_OPENSIPS:-$HOME/.cache/mediarelay/opensips}; PREFIX/sbin/opensips after the build
#
# Debian build dependencies: gcc make bison flex pkg-config libmicrohttpd-dev (httpd/mi_http) libncurses-dev.
# The compile takes one to two minutes on two cores; it runs under nice so that it never starves other work.
set -euo pipefail
tarball=${1:?usage: build.sh TARBALL [PREFIX]}
prefix=${2:-${MEDIARELAY_OPENSIPS:-$HOME/.cache/mediarelay/opensips}}
modules="tm sl rr maxfwd sipmsgops textops signaling dialog mediaproxy rtpengine nathelper mi_fifo mi_datagram httpd mi_http"
[ -f "$tarball" ] || { echo "build.sh: no OpenSIPS source at $tarball" >&2; exit 2; }
stamp="$prefix/.source"
want="$(sha256sum "$tarball" | cut -d' ' -f1) $modules"
if [ -x "$prefix/sbin/opensips" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf "$tarball" -C "$work"
src=$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -1)
[ -d "$src/modules/mediaproxy" ] || { echo "build.sh: $tarball is not an OpenSIPS source tree" >&2; exit 2; }
rm -rf "$prefix"
mkdir -p "$prefix"
# PREFIX is compiled in: the binary looks for its modules under it.
(cd "$src" && nice -n 10 make -s -j2 PREFIX="$prefix" app >/dev/null \
  && nice -n 10 make -s -j2 PREFIX="$prefix" FASTER=1 modules module="$modules" >/dev/null \
  && make -s PREFIX="$prefix" install-app install-modules module="$modules" skip_cfg_install=1 >/dev/null)
for m in $modules; do
  compgen -G "$prefix/lib*/opensips/modules/$m.so" >/dev/null || { echo "build.sh: module $m not built" >&2; exit 1; }
done
echo "$want" > "$stamp"
echo "OpenSIPS built into $prefix: $("$prefix/sbin/opensips" -V | head -1)"
