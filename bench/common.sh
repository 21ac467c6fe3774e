# Shared by the bench scripts (sourced, not run): the harness copy, free ports, a mediarelay started in the
# background and waited for, and another process's load. Expects $root (the repository) to be set and the working directory to be $root.

# Copies ../shared/bench (read-only) to $1 and makes it writable.
copy_harness() {
  mkdir -p "$1"
  cp -r "$root/../shared/bench"/. "$1"/
  chmod -R u+w "$1"
}

free_udp_port() {
  python3 -c 'import socket;s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);s.bind(("127.0.0.1",0));print(s.getsockname()[1])'
}

# start_mediarelay LOG ARGS...: ./mediarelay start ARGS in the background, output to LOG; sets $relay_pid, stops it
# on exit (stop_relay), and returns once it is ready (or exits with its log when it fails to start).
start_mediarelay() {
  local log=$1
  shift
  ./mediarelay start "$@" > "$log" 2>&1 &
  relay_pid=$!
  trap stop_relay EXIT
  for _ in $(seq 1 150); do
    grep -q "mediarelay ready" "$log" && return 0
    kill -0 "$relay_pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.2
  done
  echo "mediarelay did not start within 30 s" >&2
  exit 1
}

stop_relay() {
  kill -TERM "$relay_pid" 2>/dev/null || true
  wait "$relay_pid" 2>/dev/null || true
  trap - EXIT
}

# start_load LOAD SECONDS DIR: another process's load while a relay is measured, bounded by SECONDS: quiet (none),
# fsync (a writer that writes and fsyncs 64 KiB at a time, without pause, to a file in DIR: put DIR on the filesystem
# of the relay's CDR files) or cpu (a busy loop per core). Appends the PIDs to $load_pids; stop_load ends them.
load_pids=()
start_load() {
  case "$1" in
    quiet) ;;
    fsync) mkdir -p "$3"
      timeout "$2" python3 -c 'import os, sys
block = os.urandom(65536)
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
n = 0
while True:
    os.write(fd, block)
    os.fsync(fd)
    n += 1
    if n % 1024 == 0:
        os.lseek(fd, 0, os.SEEK_SET)' "$3/fsync.bin" & load_pids+=($!) ;;
    cpu) for _ in $(seq 1 "$(nproc)"); do timeout "$2" sh -c 'while :; do :; done' & load_pids+=($!); done ;;
    *) echo "unknown load '$1' (quiet, fsync, cpu)" >&2; exit 2 ;;
  esac
}

stop_load() {
  for p in "${load_pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  load_pids=()
}
