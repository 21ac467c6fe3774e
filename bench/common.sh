# Shared by the bench scripts (sourced, not run): the harness copy, free ports, and a mediarelay started in the
# background and waited for. Expects $root (the repository) to be set and the working directory to be $root.

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
