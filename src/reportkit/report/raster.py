"""SVG charts as PNG pictures, for formats that cannot hold SVG (Word).

libvips (pyvips, with its own build of librsvg in the pyvips-binary wheel) draws them: the
same SVG gives the same bytes, and a chart takes some 20 ms, a fifth of what the
pure-Python cairosvg took on our charts (every glyph a ``<use>`` of a path). The picture
is flattened onto white, as it is printed: a transparent one would show the page colour
of a dark-mode Word.
"""

from __future__ import annotations

from functools import cache

from reportkit.core.errors import ContentError

DPI = 200
"""Print resolution: a chart across the A4 text block is about 1 300 pixels wide."""


@cache
def _vips():  # type: ignore[no-untyped-def]
    import pyvips

    pyvips.cache_set_max(0)  # nothing to reuse between charts; keep no memory for it
    return pyvips


def svg_to_png(svg: bytes, what: str = "an image") -> bytes:
    """``svg`` drawn as a PNG at :data:`DPI` (a length of 1 pt is DPI/72 pixels). Raises
    ContentError naming ``what`` when the SVG cannot be read or drawn."""
    vips = _vips()
    try:
        image = vips.Image.svgload_buffer(svg, scale=DPI / 72)
        if image.hasalpha():
            image = image.flatten(background=[255, 255, 255])
        return image.pngsave_buffer(compression=6, strip=True)
    except vips.Error as exc:
        cause = " ".join(str(exc).split())
        raise ContentError(f"{what} (SVG) cannot be drawn as a picture: {cause}") from None
