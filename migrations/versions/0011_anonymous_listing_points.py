"""Anonymous listings are stored at their municipality's label point, not their postcode.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


PRACTICES = sa.table(
    "practices",
    sa.column("id", sa.Integer),
    sa.column("anonymous", sa.Boolean),
    sa.column("postcode", sa.String),
    sa.column("gemeentecode", sa.String),
    sa.column("lat", sa.Float),
    sa.column("lon", sa.Float),
)


def upgrade() -> None:
    """Move every anonymous listing's point to its municipality's label point."""
    from matchmaker.services.geodata import gazetteer

    practices = PRACTICES
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(practices.c.id, practices.c.gemeentecode).where(practices.c.anonymous)
    ).all()
    gaz = gazetteer()
    for practice_id, code in rows:
        muni = gaz.municipality(code)
        if muni is not None:
            conn.execute(
                practices.update()
                .where(practices.c.id == practice_id)
                .values(lat=muni.label_lat, lon=muni.label_lon)
            )


def downgrade() -> None:
    """Put anonymous listings back at their postcode's point."""
    from matchmaker.services.geodata import gazetteer

    practices = PRACTICES
    conn = op.get_bind()
    gaz = gazetteer()
    rows = conn.execute(
        sa.select(practices.c.id, practices.c.postcode).where(practices.c.anonymous)
    ).all()
    for practice_id, pc4 in rows:
        place = gaz.place(pc4)
        conn.execute(
            practices.update()
            .where(practices.c.id == practice_id)
            .values(lat=place.lat, lon=place.lon)
        )
