"""HTML to PDF with WeasyPrint, offline: only files of this app's static folder may load."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import current_app, render_template, send_file
from werkzeug.wrappers import Response


def _fetcher(static: Path) -> Any:
    """A URL fetcher that serves files under ``static`` (and data: URIs) and refuses
    everything else, so a PDF never reaches the network and cannot read other files."""
    from weasyprint.urls import URLFetcher

    root = static.resolve()

    class StaticOnly(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("file://"):
                path = Path(url.removeprefix("file://").split("?")[0]).resolve()
                if root not in path.parents:
                    raise ValueError("refused: outside the static folder")
            return super().fetch(url, headers)

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
