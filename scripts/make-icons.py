"""Draws the app icons (a white five-pointed star on the party red) as PNG files.

The PNGs are committed under web-ui/static/icons; run this only to change them:
    python3 scripts/make-icons.py web-ui/static/icons
Pure standard library (zlib), so it needs nothing installed.
"""
import math
import struct
import sys
import zlib

RED = (0xB7, 0x1C, 0x1C)
GOLD = (0xFF, 0xD5, 0x4F)


def star(cx, cy, outer, inner):
    points = []
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        a = -math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return points


def inside(poly, x, y):
    result = False
    j = len(poly) - 1
    for i in range(len(poly)):
        xi, yi = poly[i]
        xj, yj = poly[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            result = not result
        j = i
    return result


def icon(size, maskable):
    # A maskable icon keeps its motif inside the central 80 % safe zone and fills the square.
    scale = 0.30 if maskable else 0.38
    poly = star(size / 2, size * 0.53, size * scale, size * scale * 0.4)
    radius = size * 0.22
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            # Rounded square for the normal icon, full bleed for the maskable one.
            dx = max(radius - x, 0, x - (size - 1 - radius))
            dy = max(radius - y, 0, y - (size - 1 - radius))
            outside = not maskable and dx * dx + dy * dy > radius * radius
            if outside:
                row += bytes((0, 0, 0, 0))
            elif inside(poly, x + 0.5, y + 0.5):
                row += bytes(GOLD + (255,))
            else:
                row += bytes(RED + (255,))
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    out = sys.argv[1]
    for size, maskable, name in [(192, False, "icon-192.png"), (512, False, "icon-512.png"),
                                 (512, True, "icon-maskable-512.png"), (180, True, "apple-touch-icon.png")]:
        with open(f"{out}/{name}", "wb") as f:
            f.write(icon(size, maskable))
