#!/usr/bin/env bash
# Renders a factorlab report.html to PNG with headless Chromium, to check it as a browser shows it.
# Usage: Scripts/render_report.sh [REPORT_HTML] [OUT_PNG] [WIDTH]
# Installs Chromium with apt-get when it is missing (Debian/Ubuntu; sudo when not root).
set -euo pipefail
html="${1:-factorlab-out/report.html}"
png="${2:-${html%.html}.png}"
width="${3:-1000}"
[ -f "$html" ] || { echo "render_report: $html not found" >&2; exit 1; }
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  echo "render_report: installing chromium" >&2
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  browser="$(command -v chromium)"
fi
# Tall enough for the whole page; Chromium crops at the window height.
height="${4:-9000}"
abs="$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
  --window-size="${width},${height}" --screenshot="$png" "file://$abs" >/dev/null 2>&1
echo "render_report: wrote $png"
