"""Build ``matchmaker/data/gemeente_buren.csv``: which municipalities share a land border.

Run once, offline, when the boundaries change (needs shapely and pyproj, which the app
itself does not):

    python scripts/build_neighbours.py

Method: every polygon of ``gemeenten.geojson`` (CBS/Kadaster Wijk- en Buurtkaart 2023,
simplified 60 m) is projected to RD New (EPSG:28992) and grown by ``GAP_M`` metres, so that
the slivers the simplification leaves between neighbours do not split them; two
municipalities are neighbours when the grown polygons overlap. Large waters are not part of
the CBS land outline, so the IJsselmeer, the Wadden Sea and the Zeeland estuaries separate
the municipalities on either side; the crossings over them are a table in
``matchmaker/domain/travel.py``.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from pyproj import Transformer
from shapely import STRtree
from shapely.geometry import shape
from shapely.ops import transform

GAP_M = 150.0  # three times the simplification tolerance
ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    """Write the neighbour pairs, each once, in code order."""
    features = json.loads((ROOT / "matchmaker/data/gemeenten.geojson").read_text())["features"]
    to_rd = Transformer.from_crs(4326, 28992, always_xy=True).transform
    codes = [f["properties"]["gemeentecode"] for f in features]
    grown = [transform(to_rd, shape(f["geometry"])).buffer(GAP_M) for f in features]
    tree = STRtree(grown)
    pairs = set()
    for i, geom in enumerate(grown):
        for j in tree.query(geom, predicate="intersects"):
            if i != j:
                pairs.add(tuple(sorted((codes[i], codes[int(j)]))))
    with (ROOT / "matchmaker/data/gemeente_buren.csv").open("w", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["gemeentecode_a", "gemeentecode_b"])
        out.writerows(sorted(pairs))


if __name__ == "__main__":
    main()
