#!/usr/bin/env bash
# Installs the Debian packages reports are made with, when they are missing and we may
# (root, or sudo without a password): fonts-liberation2 (Liberation Serif, metrically
# equal to Times New Roman, the typeface of administrative documents under Decree
# 30/2020/NĐ-CP), fonts-dejavu-core (DejaVu Sans, the charts' text) and libharfbuzz-subset0
# (WeasyPrint subsets fonts with it; the bytes of a PDF depend on these, so every machine
# should have them). Otherwise it says what to install;
# reports then fall back to DejaVu Serif and say so in their technical information.
# Sourced by scripts/demo.sh, scripts/test.sh and scripts/lab.sh; safe to run again.
packages=(fonts-liberation2 fonts-dejavu-core libharfbuzz-subset0)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})) && command -v apt-get >/dev/null; then
  if [[ $(id -u) -eq 0 ]]; then
    as_root=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo)
  else
    as_root=(none)
  fi
  if [[ ${as_root[0]:-} == none ]]; then
    echo "reportkit: please install ${missing[*]} (apt-get install ${missing[*]});" \
      "until then reports use DejaVu Serif" >&2
  else
    echo "installing ${missing[*]} (Debian) ..." >&2
    "${as_root[@]}" apt-get update -qq >/dev/null &&
      DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq \
        --no-install-recommends "${missing[@]}" >/dev/null 2>&1 ||
      echo "reportkit: could not install ${missing[*]}; reports use DejaVu Serif" >&2
  fi
fi
true
