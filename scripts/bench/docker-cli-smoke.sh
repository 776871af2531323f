#!/usr/bin/env bash
# The Docker stage's checks as a plain docker-CLI script (seed 004 §3.2 / §6.2 by hand): build, inspect, run, exec,
# curl, volume write, restart. scripts/bench-docker.ts times it against the smokebook Docker stage; it reads the
# contract values from the environment that script sets:
#   TARGET_DIR DOCKERFILE BASE_IMAGE_ARG BASE_IMAGE PORT HEALTH_PATH DATA_PATH DIRS UID_ GID_ OVERRIDE PRINT_CONFIG
#   ENV_DEFAULTS (NAME=VALUE lines)
set -euo pipefail

run_id="cli-$(date +%s)-$RANDOM"
image="smokebook/bench-${run_id}:build-$(date -u +%Y%m%d-%H%M%S)"
container="smokebook-bench-${run_id}"
host_dir="$(mktemp -d "/tmp/smokebook-bench-${run_id}-XXXX")"

cleanup() {
  docker rm -f "$container" >/dev/null 2>&1 || true
  docker rmi -f "$image" >/dev/null 2>&1 || true
  rm -rf "$host_dir"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

# build
docker build -q -f "$TARGET_DIR/$DOCKERFILE" --build-arg "$BASE_IMAGE_ARG=$BASE_IMAGE" -t "$image" "$TARGET_DIR" >/dev/null 2>&1 \
  || fail "docker build"

# inspect: User, ExposedPorts, Env
user="$(docker image inspect -f '{{.Config.User}}' "$image")"
[ "${user%%:*}" = "$UID_" ] || fail "User is '$user'"
docker image inspect -f '{{json .Config.ExposedPorts}}' "$image" | grep -q "\"$PORT/tcp\"" || fail "ExposedPorts"
image_env="$(docker image inspect -f '{{join .Config.Env "\n"}}' "$image")"
while IFS= read -r line; do
  [ -z "$line" ] || grep -qxF "$line" <<<"$image_env" || fail "Env lacks $line"
done <<<"$ENV_DEFAULTS"

# run with a host volume at the data path and one -e override
chown "$UID_:$GID_" "$host_dir" 2>/dev/null || chmod 0777 "$host_dir"
docker run -d --name "$container" -p "127.0.0.1::$PORT" -e "$OVERRIDE" -v "$host_dir:$DATA_PATH" "$image" >/dev/null
mapped="$(docker port "$container" "$PORT/tcp" | head -n1 | sed 's/.*://')"
wait_health() {
  for _ in $(seq 1 300); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$mapped$HEALTH_PATH" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}
wait_health || fail "health"

# exec: id, directories, env, the app's resolved config
docker exec "$container" id | grep -q "uid=$UID_(.*) gid=$GID_" || fail "id"
for d in $DIRS; do docker exec "$container" test -d "$d" -a -w "$d" || fail "dir $d"; done
docker exec "$container" env | grep -qx "$OVERRIDE" || fail "env override"
docker exec "$container" $PRINT_CONFIG | grep -q "\"${OVERRIDE%%=*}\":\"${OVERRIDE#*=}\"" || fail "app config"

# volume write as the container user, visible on the host
docker exec "$container" sh -c "echo smokebook > '$DATA_PATH/probe'" || fail "volume write"
[ -f "$host_dir/probe" ] || fail "probe on host"
[ "$(stat -c %u "$host_dir/probe")" = "$UID_" ] || fail "probe owner"

# curl through the mapped port
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$mapped$HEALTH_PATH")" = "200" ] || fail "health 200"

# restart: data kept, records appended
before="$(cat "$host_dir"/*.jsonl | wc -l)"
docker restart -t 5 "$container" >/dev/null
mapped="$(docker port "$container" "$PORT/tcp" | head -n1 | sed 's/.*://')"
wait_health || fail "health after restart"
after="$(cat "$host_dir"/*.jsonl | wc -l)"
[ -f "$host_dir/probe" ] && [ "$after" -gt "$before" ] || fail "data after restart ($before -> $after)"
echo "docker-cli-smoke: all checks passed"
