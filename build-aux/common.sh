# Shared set-up for build-aux/run and build-aux/test: packages, locales, meson.
# Sourced, not run.

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top" || exit 1

say () { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

qf_missing_packages () {
  local pkg missing=()
  while read -r pkg; do
    pkg=${pkg%%#*}
    pkg=${pkg//[[:space:]]/}
    [ -n "$pkg" ] || continue
    if ! dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
      missing+=("$pkg")
    fi
  done < "$top/build-aux/deps"
  printf '%s\n' "${missing[@]}"
}

qf_install_packages () {
  local missing
  mapfile -t missing < <(qf_missing_packages)
  [ "${#missing[@]}" -gt 0 ] && [ -n "${missing[0]}" ] || return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "Qingfeng needs these Debian packages. Install them with:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  say "Installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q || exit 1
  apt-get install -y -q --no-install-recommends "${missing[@]}" || exit 1
}

# The UI is tested in Chinese, so the zh_CN and zh_TW locales must exist.
qf_ensure_locales () {
  local need=()
  locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$' || need+=(zh_CN)
  locale -a 2>/dev/null | grep -qi '^zh_TW\.utf-\?8$' || need+=(zh_TW)
  [ "${#need[@]}" -gt 0 ] || return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "The zh_CN.UTF-8 and zh_TW.UTF-8 locales are missing. Generate them with:" >&2
    echo "  sudo sed -i -E 's/^# *(zh_(CN|TW)\.UTF-8 UTF-8)/\\1/' /etc/locale.gen && sudo locale-gen" >&2
    exit 1
  fi
  say "Generating locales ${need[*]}"
  sed -i -E 's/^# *(zh_(CN|TW)\.UTF-8 UTF-8)/\1/' /etc/locale.gen
  grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen || echo 'zh_CN.UTF-8 UTF-8' >> /etc/locale.gen
  grep -q '^zh_TW.UTF-8 UTF-8' /etc/locale.gen || echo 'zh_TW.UTF-8 UTF-8' >> /etc/locale.gen
  locale-gen >/dev/null || exit 1
}

# qf_build DIR [meson options…]: configure once, then build incrementally.
qf_build () {
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    say "Configuring $dir"
    meson setup "$dir" "$@" || exit 1
  fi
  say "Building $dir"
  meson compile -C "$dir" || exit 1
}
