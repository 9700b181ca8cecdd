"""HTML to PDF with WeasyPrint, offline: only files of this app's static folder may load."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from flask import current_app, render_template, send_file
from werkzeug.wrappers import Response


def static_path(url: str, root: Path) -> Path | None:
    """The file under ``root`` that a ``file:`` URL names, or None for any other URL: the
    URL is parsed (any case of the scheme, ``file:/x``, ``file:///x``, ``file://localhost/x``,
    percent-escapes) and the path resolved, so ``..`` and links cannot climb out."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc.lower() not in ("", "localhost"):
        return None
    path = Path(url2pathname(unquote(parts.path))).resolve()
    return path if root.resolve() in path.parents else None


def _fetcher(static: Path) -> Any:
    """A URL fetcher that serves files under ``static`` (and data: URIs) and refuses
    everything else, so a PDF never reaches the network and cannot read other files."""
    from weasyprint.urls import URLFetcher

    root = static.resolve()

    class StaticOnly(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            path = static_path(url, root)
            if path is None:
                raise ValueError("refused: only files of the static folder load")
            return super().fetch(path.as_uri(), headers)

    return StaticOnly(allowed_protocols=("file", "data"), timeout=5)


def render_pdf(template: str, **context: Any) -> bytes:
    """Render ``template`` (HTML with print CSS) to PDF bytes."""
    from weasyprint import HTML

    static = Path(current_app.static_folder or "static")
    html = render_template(template, **context)
    document = HTML(
        string=html, base_url=static.resolve().as_uri() + "/", url_fetcher=_fetcher(static)
    )
    return bytes(document.write_pdf())


def pdf_response(data: bytes, filename: str, *, inline: bool = True) -> Response:
    """A PDF answer that is never cached by the browser or a proxy."""
    disposition = "inline" if inline else "attachment"
    return Response(
        data,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'{disposition}; filename="{filename}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


def pdf_download(path: Path, name: str) -> Response:
    """A stored PDF (an attachment, a document of a step), always as a download, never cached
    and never sniffed as anything else."""
    response = send_file(path, mimetype="application/pdf", as_attachment=True, download_name=name)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
