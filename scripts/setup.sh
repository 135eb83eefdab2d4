#!/usr/bin/env bash
# Installs everything tamis needs on Debian 12 and puts the default models in place.
# Idempotent: packages already installed and models already verified are left alone.
# Nothing here is fetched at run time; the binary only reads files this script placed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

packages=(
  build-essential cmake pkg-config git ca-certificates
  libfasttext-dev fasttext libsentencepiece-dev sentencepiece
  libicu-dev libre2-dev libsimdjson-dev libzstd-dev zstd libxxhash-dev xxhash
  libtbb-dev catch2 zlib1g-dev libyaml-cpp-dev libxml2-dev libbrotli-dev
  libgumbo-dev  # bench/html only: the gumbo-based extractor it measures as the baseline
  clang-14 libclang-rt-14-dev
  wget python3 iso-codes debian-handbook gettext
  python3 manpages-fr manpages-de manpages-es manpages-it manpages-nl manpages-pl manpages-pt-br
  manpages-ru
  slurm-wlm munge
  chromium
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js and npm may come from elsewhere than Debian (NodeSource ships npm inside nodejs and
# conflicts with Debian's npm): only install Debian's when the commands are missing.
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
bash "$here/scripts/fetch_robots_parser.sh"
bash "$here/scripts/fetch_readability.sh"
bash "$here/scripts/fetch_naughty_words.sh"
