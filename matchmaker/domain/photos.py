"""Photos of a listing: how many, how large, which widths, and who may see them."""

from __future__ import annotations

from enum import StrEnum

MAX_PHOTOS = 8  # a practice, its rooms and the praktijkwoning; more is a brochure
MAX_BYTES = 10 * 1024 * 1024  # a phone's full-size photo fits
MAX_PIXELS = 50_000_000  # refuses decompression bombs long before memory runs out
WIDTHS = (480, 960, 1600)  # phone, laptop, large screen and print
FORMATS = ("JPEG", "PNG", "WEBP")  # as Pillow names what it finds in the bytes
QUALITY = 82  # JPEG quality: no visible loss at these widths, a third of the bytes of 95
MAX_CAPTION = 120


class PhotoKind(StrEnum):
    """What a photo shows."""

    PRACTICE = "practice"
    HOUSE = "house"  # the praktijkwoning


def visible(*, anonymous: bool, identifying: bool, may_identify: bool) -> bool:
    """A photo of an anonymous listing shows only to those with consent, unless its holder
    marked it as not identifying (an interior, a consulting room)."""
    return not anonymous or not identifying or may_identify
