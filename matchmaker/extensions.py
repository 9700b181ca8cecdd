"""Flask extensions, created unbound and attached in ``create_app``."""

from __future__ import annotations

from flask_babel import Babel
from flask_compress import Compress
from flask_htmx import HTMX
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_talisman import Talisman
from flask_wtf import CSRFProtect
from spectree import SpecTree

from matchmaker.db import db

babel = Babel()
compress = Compress()
csrf = CSRFProtect()
htmx = HTMX()
limiter = Limiter(key_func=get_remote_address)
login_manager = LoginManager()
talisman = Talisman()
api_spec = SpecTree(
    "flask",
    title="matchmaker API",
    version="v1",
    path="api/v1/docs",
    page_templates={},  # the stock doc pages load scripts from CDNs; the app works offline
    annotations=True,
    mode="strict",  # only the JSON API's own routes: no admin, recruiter or form endpoints
)

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
}

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "api_spec",
    "babel",
    "compress",
    "csrf",
    "db",
    "htmx",
    "limiter",
    "login_manager",
    "talisman",
]
