#!/usr/bin/env bash
# Rebuild static/fonts/NotoSansCJK-Bold-subset.otf from Debian's fonts-noto-cjk.
#
# Usage: static/fonts/subset-cjk.sh [path/to/NotoSansCJK-Bold.ttc]
#
# Without an argument it uses /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc
# if installed, otherwise it fetches the Debian package with `apt-get download`
# into a temporary directory and unpacks it with `dpkg -x`.
# Needs python3 with fontTools (`pip install fonttools brotli`).
#
# Built with: fonts-noto-cjk 1:20220127+repack1-1 (Debian bookworm), fontTools 4.68.0.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="$here/NotoSansCJK-Bold-subset.otf"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

ttc="${1:-/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc}"
if [ ! -f "$ttc" ]; then
    (cd "$work" && apt-get download fonts-noto-cjk && dpkg -x fonts-noto-cjk_*.deb pkg)
    ttc="$work/pkg/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
fi

python3 -c 'import fontTools' 2>/dev/null || {
    echo "fontTools missing: pip install fonttools brotli" >&2; exit 1; }

# Index of "Noto Sans CJK SC" inside the collection (2 in the Debian 20220127 build).
index="$(python3 -c '
import sys
from fontTools.ttLib import TTCollection
c = TTCollection(sys.argv[1], lazy=True)
print([f["name"].getDebugName(1) for f in c.fonts].index("Noto Sans CJK SC"))
' "$ttc")"
echo "Noto Sans CJK SC is font number $index in $ttc"

# Code points to keep, one U+XXXX per line.
python3 - "$work/unicodes.txt" <<'PY'
import sys

def decode_range(codec, lo, hi):
    """Every 2-byte sequence lo..hi (inclusive) that decodes strictly to one character."""
    chars = set()
    for code in range(lo, hi + 1):
        try:
            s = bytes([code >> 8, code & 0xFF]).decode(codec)
        except UnicodeDecodeError:
            continue
        if len(s) == 1:
            chars.add(ord(s))
    return chars

sets = {
    "GB2312 level-1 hanzi (gb2312 0xB0A1..0xD7F9)": decode_range("gb2312", 0xB0A1, 0xD7F9),
    "JIS X 0208 level-1 kanji (shift_jis 0x889F..0x9872)": decode_range("shift_jis", 0x889F, 0x9872),
    "KS X 1001 hangul syllables (euc-kr 0xB0A1..0xC8FE)": decode_range("euc_kr", 0xB0A1, 0xC8FE),
    "Hiragana + Katakana U+3040..U+30FF": set(range(0x3040, 0x3100)),
    "CJK Symbols and Punctuation U+3000..U+303F": set(range(0x3000, 0x3040)),
    "Halfwidth and Fullwidth Forms U+FF00..U+FFEF": set(range(0xFF00, 0xFFF0)),
    "Basic Latin U+0020..U+007E": set(range(0x20, 0x7F)),
}
allcp = set()
for name, cps in sets.items():
    print(f"{len(cps):5d}  {name}", file=sys.stderr)
    allcp |= cps
print(f"{len(allcp):5d}  total distinct code points requested", file=sys.stderr)
with open(sys.argv[1], "w") as fh:
    fh.writelines(f"U+{cp:04X}\n" for cp in sorted(allcp))
PY

pyftsubset "$ttc" \
    --font-number="$index" \
    --unicodes-file="$work/unicodes.txt" \
    --layout-features='*' \
    --output-file="$out"

python3 -c '
import os, sys
from fontTools.ttLib import TTFont
f = TTFont(sys.argv[1])
print("%s: %d bytes, %d glyphs, %d mapped code points" % (sys.argv[1], os.path.getsize(sys.argv[1]), f["maxp"].numGlyphs, len(f.getBestCmap())))
' "$out"
