#!/usr/bin/env bash
# Makes sure the offline speech tools are installed from Debian: ffmpeg/ffprobe (convert voice
# notes to 16 kHz mono WAV, read their duration), pocketsphinx + its US English model (the local
# transcription engine, no download at run time; see docs/decisions/022-local-transcription-engine.md)
# and espeak-ng (the tests and the benchmark synthesise real speech with it).
# Idempotent and silent when everything is already there.
set -euo pipefail

# apt with bounds (apt_get, apt_install): a mirror that stops answering fails this script instead of hanging CI
source "$(dirname "${BASH_SOURCE[0]}")/apt-get-bounded.sh"

PACKAGES=(ffmpeg pocketsphinx pocketsphinx-en-us espeak-ng)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

apt_install --no-install-recommends "${missing[@]}"
for bin in ffmpeg ffprobe pocketsphinx_continuous espeak-ng; do
  command -v "$bin" >/dev/null || { echo "ensure-speech: $bin still missing after install" >&2; exit 1; }
done
