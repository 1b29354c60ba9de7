# Sourced by the entry points: the Debian packages a step needs, installed when missing and
# running as root (as in CI containers); otherwise stop and name them.

install_missing() {
  [ $# -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "This needs the Debian packages: $*" >&2
    echo "Install them with: sudo apt-get install $*" >&2
    exit 2
  fi
  echo "Installing $* …" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

# What the leaflets need (./scripts/build and ./scripts/test): WeasyPrint's Pango libraries
# and the font embedded in every PDF.
leaflet_packages() {
  local libraries
  libraries="$(PATH="$PATH:/sbin:/usr/sbin" ldconfig -p)"
  grep -q 'libpango-1.0.so.0 ' <<< "$libraries" || echo libpango-1.0-0
  grep -q 'libpangoft2-1.0.so.0 ' <<< "$libraries" || echo libpangoft2-1.0-0
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ] || echo fonts-dejavu-core
}
