#!/usr/bin/env bash
# Stop the lab: only the processes up.sh started, by the PIDs it saved in
# $STATE/pids (each checked against the expected program name first).
#   --purge   also delete $STATE (keys, certs, zones, logs)
#   --quiet   no output when nothing runs
set -uo pipefail
. "$(dirname "$0")/lib.sh"
PIDS="$STATE/pids"
quiet=0; purge=0
for a in "$@"; do case "$a" in --quiet) quiet=1 ;; --purge) purge=1 ;; *) die "unknown option $a" ;; esac; done
mkdir -p "$STATE"
# serialise with up.sh (two test processes may race)
[ -n "${DANE_LAB_LOCKED:-}" ] || { exec 9>"$STATE/.lock"; flock -w 60 9 || die "lab lock busy"; }

stop_one() {  # name expected-comm
  local f="$PIDS/$1.pid" pid i
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  if pid_alive "$f" "$2"; then
    kill -TERM "$pid" 2>/dev/null
    for ((i = 0; i < 100; i++)); do proc_running "$pid" "$2" || break; sleep 0.05; done
    if proc_running "$pid" "$2"; then kill -KILL "$pid" 2>/dev/null; log "$1 ($pid) killed after 5s"; else [ $quiet = 1 ] || log "$1 ($pid) stopped"; fi
  else
    [ $quiet = 1 ] || log "$1: not running (stale pid file)"
  fi
  rm -f "$f"
}

stop_one smtp node
stop_one unbound unbound
stop_one knotd knotd
rm -f "$STATE/run/knot.sock" "$STATE/run/knotd.pid"
if [ $purge = 1 ]; then rm -rf "$STATE"; log "purged $STATE"; fi
exit 0
