#!/usr/bin/env bash
# Makes a Docker engine reachable for the Docker stage (suites/docker):
#   1. installs docker.io from Debian when dockerd is missing (apt-get update first);
#   2. starts dockerd in the background when `docker info` fails;
#   3. waits, bounded (SMOKEBOOK_DOCKER_WAIT_SECONDS, default 60), until `docker info` answers.
# Idempotent: does nothing when an engine already answers. Needs root (or sudo) to install or start dockerd.
set -euo pipefail

wait_seconds="${SMOKEBOOK_DOCKER_WAIT_SECONDS:-60}"
log_file="${SMOKEBOOK_DOCKERD_LOG:-/tmp/smokebook-dockerd.log}"

say() { printf 'start-docker: %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n "$@"
  else
    say "need root (or sudo) to run: $*"
    return 1
  fi
}

if docker info >/dev/null 2>&1; then
  say "a Docker engine already answers"
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1; then
  say "dockerd is missing: installing docker.io (Debian)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io >/dev/null
fi

if ! pgrep -x dockerd >/dev/null 2>&1; then
  say "starting dockerd in the background (log: $log_file)"
  as_root sh -c "nohup dockerd >'$log_file' 2>&1 &"
fi

deadline=$((SECONDS + wait_seconds))
until docker info >/dev/null 2>&1; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    say "dockerd did not answer within ${wait_seconds}s; last log lines:"
    tail -n 20 "$log_file" >&2 2>/dev/null || true
    exit 1
  fi
  sleep 1
done
say "Docker engine ready: $(docker version --format '{{.Server.Version}}' 2>/dev/null || echo unknown)"
