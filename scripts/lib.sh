# Shared by the bench scripts: start a release popshop on a free port and
# launch a drop through the real forms. Source it; it sets traps on EXIT.
#   start_popshop [VAR=value ...]   -> sets $base, $work (temp dir), $server_log
#   launch_drop SLOGAN [extra curl args]  -> uses cookie jar $work/cookies, sets $csrf
# shellcheck shell=bash

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_popshop() {
    local port
    port=$(free_port)
    base="http://127.0.0.1:$port"
    server_log="$work/server.log"
    env RUST_LOG=warn POPSHOP_SQLITE_PATH="$work/bench.db" "$@" POPSHOP_ADDR="127.0.0.1:$port" \
        ./target/release/popshop >"$server_log" 2>&1 &
    pids+=($!)
    for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null && return 0; sleep 0.1; done
    echo "popshop did not start:" >&2; tail -20 "$server_log" >&2; return 1
}

launch_drop() {
    local slogan=$1; shift
    jar="$work/cookies"
    csrf=$(curl -fs -c "$jar" -b "$jar" "$base/" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | cut -d'"' -f4)
    local location
    location=$(curl -fs -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" "$base/" \
        --data-urlencode "csrf=$csrf" --data-urlencode "slogan=$slogan" --data-urlencode "artist_name=The Losers" \
        -d price=25 -d currency=usd -d sizes=S -d sizes=M -d sizes=L -d colours=black -d colours=white \
        --data-urlencode "email=bench@example.com" --data-urlencode "password=correct horse battery" \
        -d action=launch "$@")
    [[ "$location" == *"/dashboard/drops/"* ]] || { echo "launch failed: $location" >&2; return 1; }
    drop_id=${location##*/dashboard/drops/}
    drop_id=${drop_id%%\?*}
}
