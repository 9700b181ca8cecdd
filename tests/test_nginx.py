"""deploy/nginx in front of gunicorn on loopback ports, with a self-signed certificate
(issue 24, item 7): the client's address reaches the app, static files come from nginx, the
app still refuses unknown hosts."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from matchmaker.config import ROOT

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
pytestmark = pytest.mark.skipif(
    not Path(NGINX).exists() or shutil.which("openssl") is None or os.geteuid() != 0,
    reason="needs Debian's nginx and openssl, run as root (CI is)",
)
FEED_LIMIT = 120  # web/feeds.py: "120 per hour" per client address


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _site(tmp: Path, https_port: int, http_port: int, app_port: int) -> str:
    """The deploy/ site with this test's ports, certificate and paths (nothing else changed)."""
    site = (ROOT / "deploy" / "nginx" / "matchmaker.conf").read_text()
    site = "\n".join(line for line in site.splitlines() if "listen [::]" not in line)
    replacements = {
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "listen 80 default_server;": f"listen 127.0.0.1:{http_port} default_server;",
        "listen 443 ssl http2 default_server;": (
            f"listen 127.0.0.1:{https_port} ssl http2 default_server;"
        ),
        "/var/log/nginx/matchmaker.access.log": str(tmp / "matchmaker.access.log"),
        "server_name matchmaker.example.nl;": "server_name localhost;",
        "/etc/letsencrypt/live/matchmaker.example.nl/fullchain.pem": str(tmp / "cert.pem"),
        "/etc/letsencrypt/live/matchmaker.example.nl/privkey.pem": str(tmp / "key.pem"),
        "/srv/matchmaker/static/": f"{ROOT / 'static'}/",
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{app_port};",
        "/etc/nginx/snippets/matchmaker-proxy.conf": str(
            ROOT / "deploy" / "nginx" / "matchmaker-proxy.conf"
        ),
    }
    for old, new in replacements.items():
        assert old in site, old
        site = site.replace(old, new)
    return site


def _wait(url: str, context: ssl.SSLContext | None = None) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            if url.startswith("https://"):  # through nginx: name the site, as browsers do
                port = int(url.split(":")[2].split("/")[0])
                _get(port, "/" + url.split("/", 3)[3], source="127.0.0.1")
            else:
                urllib.request.urlopen(url, timeout=2, context=context)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)  # polling a server's start with a deadline, not a fixed pause


class _Named(http.client.HTTPSConnection):
    """An HTTPS connection to a loopback address that names the site in TLS (SNI), as a
    browser does: the deploy refuses a handshake without the site's name."""

    def __init__(self, *args: Any, sni: str | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sni = sni

    def connect(self) -> None:
        http.client.HTTPConnection.connect(self)
        self.sock = self._context.wrap_socket(self.sock, server_hostname=self.sni)  # type: ignore[attr-defined]


def _get(
    port: int, path: str, *, source: str, host: str = "localhost", sni: str | None = "localhost"
) -> http.client.HTTPResponse:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    conn = _Named(
        "127.0.0.1", port, context=context, source_address=(source, 0), timeout=10, sni=sni
    )
    conn.request("GET", path, headers={"Host": host})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def test_nginx_in_front_of_gunicorn(tmp_path: Path) -> None:
    """Two clients on different loopback addresses have their own rate limits (so the app
    sees each client's address, not nginx's); static files come from nginx with long cache
    headers; a forged Host is refused by the app; HSTS and the request id are set."""
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=localhost", "-keyout", str(tmp_path / "key.pem")),
            *("-out", str(tmp_path / "cert.pem")),
        ],
        check=True,
        capture_output=True,
    )
    app_port, https_port, http_port = _free_port(), _free_port(), _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("MATCHMAKER_")},
        "MATCHMAKER_DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}",
        "MATCHMAKER_HUEY_FILE": str(tmp_path / "huey.db"),
        "MATCHMAKER_PROXY_HOPS": "1",
        "MATCHMAKER_PUBLIC_URL": f"https://localhost:{https_port}",
        "MATCHMAKER_RATELIMIT_STORAGE_URI": "memory://",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
    }
    subprocess.run(
        [sys.executable, "-m", "matchmaker.cli", "migrate"],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    (tmp_path / "site.conf").write_text(_site(tmp_path, https_port, http_port, app_port))
    (tmp_path / "nginx.conf").write_text(
        f"""user root;
worker_processes 1;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log {tmp_path}/access.log;
    client_body_temp_path {tmp_path}/body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    include {tmp_path}/site.conf;
}}
"""
    )
    app = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"),
            *("--workers", "1", "--bind", f"127.0.0.1:{app_port}"),
            "matchmaker:create_app()",
        ],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
    )
    nginx = subprocess.Popen(
        [NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-g", "daemon off;"],
        stderr=subprocess.PIPE,
    )
    try:
        _wait(f"http://127.0.0.1:{app_port}/healthz")
        _wait(f"https://127.0.0.1:{https_port}/healthz")

        page = _get(https_port, "/about", source="127.0.0.2")
        assert page.status == 200 and page.getheader("X-Request-ID")
        assert "max-age=63072000" in (page.getheader("Strict-Transport-Security") or "")

        static = _get(https_port, "/static/css/app.css", source="127.0.0.2")
        assert static.status == 200 and static.getheader("Server", "").startswith("nginx")
        assert static.getheader("X-Request-ID") is None  # never reached the app
        assert "public, immutable" in (static.getheader("Cache-Control") or "")
        assert static.getheader("Expires")

        assert "nginx/" not in (static.getheader("Server") or "")  # no version
        # Another host name gets no answer at all; TLS without the site's name, no handshake.
        with pytest.raises(http.client.RemoteDisconnected):
            _get(https_port, "/about", source="127.0.0.2", host="evil.example")
        with pytest.raises(ssl.SSLError):
            _get(https_port, "/about", source="127.0.0.2", sni=None)
        with pytest.raises(http.client.RemoteDisconnected):
            conn = http.client.HTTPConnection("127.0.0.1", http_port, timeout=10)
            conn.request("GET", "/", headers={"Host": "192.0.2.1"})
            conn.getresponse()

        secret = "k" * 43
        for path in (f"/calendar/{secret}.ics", f"/password/reset/{secret}?next=/{secret}"):
            _get(https_port, path, source="127.0.0.4")

        feed = "/calendar/" + "x" * 40 + ".ics"
        answers = [_get(https_port, feed, source="127.0.0.2").status for _ in range(FEED_LIMIT + 1)]
        assert answers[-1] == 429 and answers[0] == 404
        # Another client is not limited by the first one's requests.
        assert _get(https_port, feed, source="127.0.0.3").status == 404
    finally:
        nginx.terminate()
        app.terminate()
        nginx.wait(timeout=20)
        app.wait(timeout=20)
    logged = (tmp_path / "matchmaker.access.log").read_text()
    assert "/calendar/<token>.ics" in logged and "/password/reset/<token>" in logged
    assert "k" * 43 not in logged and "x" * 40 not in logged
    assert "127.0.0.4" not in logged  # no client address
