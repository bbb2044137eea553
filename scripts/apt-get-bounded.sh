# Sourced by the ensure-* scripts. apt with bounds: a mirror that stops answering fails the script
# instead of hanging CI (APT_TIMEOUT seconds for the whole call, default 600).
apt_get() {
  timeout --kill-after=15 "${APT_TIMEOUT:-600}" apt-get -o Acquire::Retries=3 -o Acquire::http::Timeout=30 -o Acquire::https::Timeout=30 "$@" || {
    status=$?
    echo "$(basename "$0" .sh): apt-get $1 failed (exit $status; 124 means it took longer than ${APT_TIMEOUT:-600}s)." >&2
    exit 1
  }
}
