# Sourced by the ensure-* scripts. apt with bounds: a mirror that stops answering fails the script
# instead of hanging CI (APT_TIMEOUT seconds for the whole call, default 600).
apt_get() {
  timeout --kill-after=15 "${APT_TIMEOUT:-600}" apt-get -o Acquire::Retries=3 -o Acquire::http::Timeout=30 -o Acquire::https::Timeout=30 "$@" || {
    status=$?
    echo "$(basename "$0" .sh): apt-get $1 failed (exit $status; 124 means it took longer than ${APT_TIMEOUT:-600}s)." >&2
    exit 1
  }
}

# apt_install [apt options] PACKAGE...: installs the packages when run as root; otherwise says what
# to run instead and fails.
apt_install() {
  local who options=() packages=()
  who="$(basename "$0" .sh)"
  for arg in "$@"; do
    if [[ $arg == -* ]]; then options+=("$arg"); else packages+=("$arg"); fi
  done
  if [ "$(id -u)" -ne 0 ]; then
    echo "$who: ${packages[*]} not installed; run as root or: sudo apt-get install -y ${packages[*]}" >&2
    exit 1
  fi
  echo "$who: installing ${packages[*]} via apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt_get update -qq
  apt_get install -y -qq "${options[@]}" "${packages[@]}" >/dev/null
}
