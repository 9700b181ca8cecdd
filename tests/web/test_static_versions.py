"""Static files are linked with a hash of their content, so proxies may cache them for a year."""

from __future__ import annotations

import os
import re
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from matchmaker.web.templating import static_version


def test_pages_link_static_files_with_their_content_hash(client: FlaskClient, app: Flask) -> None:
    """The stylesheet's link carries ?v=<hash of app.css>; the file still answers under it."""
    page = client.get("/about").get_data(as_text=True)
    found = re.search(r'href="/static/css/app\.css\?v=([0-9a-f]{12})"', page)
    assert found
    css = Path(app.static_folder or "static") / "css" / "app.css"
    assert found.group(1) == static_version(str(css.parent.parent), "css/app.css")
    assert client.get(f"/static/css/app.css?v={found.group(1)}").status_code == 200


def test_a_changed_file_gets_a_new_version(tmp_path: Path) -> None:
    """Another content, another URL; nothing outside the folder or missing gets one."""
    (tmp_path / "a.css").write_text("a{}")
    first = static_version(str(tmp_path), "a.css")
    before = (tmp_path / "a.css").stat().st_mtime_ns
    (tmp_path / "a.css").write_text("a{color:red}")
    os.utime(tmp_path / "a.css", ns=(before + 10**9, before + 10**9))  # a later save
    assert first and static_version(str(tmp_path), "a.css") not in (None, first)
    assert static_version(str(tmp_path), "../etc/passwd") is None
    assert static_version(str(tmp_path), "missing.css") is None
