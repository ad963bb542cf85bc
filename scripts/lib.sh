# Shared by scripts/*: installs what is missing and builds. Source it; do not run it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Everything evpack needs to build, test and run, as Debian 12 packages.
evpack_packages=(
  cmake g++ make pkg-config
  libpodofo-dev libtomlplusplus-dev libarchive-dev libssl-dev libgtest-dev
  libqpdf-dev libexif-dev libtiff-dev libjpeg-dev libpng-dev zlib1g-dev libunistring-dev
  nlohmann-json3-dev libunibreak-dev
  libcurl4-openssl-dev
  fonts-wqy-microhei
  qpdf poppler-utils openssl libarchive-tools unzip python3 python3-pil time libtiff-tools convmv
  # independent readers for the tests (MuPDF, pikepdf, Chromium for the HTML report) and
  # Ghostscript, whose output is one of the real PDFs tests/data/fetch-real-pdfs binds
  mupdf-tools python3-pikepdf ghostscript chromium
  # Office files: LibreOffice renders them (a runtime dependency for those files only), with the
  # fonts Chinese documents' font names are mapped to, and Calibri's and Cambria's metric twins
  libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui
  fonts-noto-cjk fonts-arphic-ukai fonts-crosextra-carlito fonts-crosextra-caladea
  # phone and chat photos: HEIF, WebP, GIF (BMP is read by evpack itself); heif-enc and
  # heif-convert make and decode the tests' HEIC independently
  libheif-dev libwebp-dev libgif-dev libheif-examples
  # build --ocr: Tesseract with its Chinese and English data, and poppler's library to render
  # scanned PDF pages for it
  libtesseract-dev libleptonica-dev tesseract-ocr-chi-sim tesseract-ocr-eng libpoppler-cpp-dev
)

# Installs the packages that are not installed yet (apt-get only when something is missing).
ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}" >&2
  local sudo=
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
}

# build DIR [cmake options...]: configures once, then builds.
build() {
  local dir=$1; shift
  if [ ! -f "$dir/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$dir" "$@" >&2
  fi
  cmake --build "$dir" -j"$(nproc)" >&2
}
