"""Configuration read from the environment, with safe development defaults."""

from __future__ import annotations

import math
import os
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent  # the checkout: templates, static, instance


def _env(name: str, default: str | None = None) -> str | None:
    """Read a ``MATCHMAKER_*`` environment variable."""
    return os.environ.get(f"MATCHMAKER_{name}", default)


DEV_SECRET_KEY = "dev-only-insecure-key-change-me"
# 256 bits: the HMAC-SHA256 key size behind the signatures of Flask and itsdangerous.
MIN_SECRET_BYTES = 32
# A key must also look random: at least 128 bits by its own character frequencies (a
# secrets.token_hex(32) key has about 250, token_urlsafe(48) about 330; 32 'a's have 0).
MIN_SECRET_ENTROPY_BITS = 128
MIN_SECRET_DISTINCT = 10  # "abababab…" repeats too few characters to be random
KNOWN_ENVIRONMENTS = ("development", "production")


DEV_PORT = 5000


def dev_public_url() -> str:
    """The development server's own address: ``make run`` serves on ``PORT`` (default 5000),
    so emailed links must point there too."""
    port = os.environ.get("PORT", "").strip()
    return f"http://127.0.0.1:{int(port) if port.isdigit() and 0 < int(port) < 65536 else DEV_PORT}"


DEV_PUBLIC_URL = dev_public_url()
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def _trusted_hosts(public_url: str | None, *, development: bool) -> list[str]:
    """The public URL's host, ``MATCHMAKER_TRUSTED_HOSTS`` (comma-separated), loopback in dev."""
    hosts = [urlsplit(public_url or "").hostname or ""]
    hosts += [h.strip() for h in (_env("TRUSTED_HOSTS") or "").split(",")]
    if development:
        hosts += LOOPBACK_HOSTS
    return list(dict.fromkeys(h for h in hosts if h))


class ConfigError(RuntimeError):
    """The configuration is not safe to run with."""


MAX_PROXY_HOPS = 5


def proxy_hops(value: object) -> int:
    """How many reverse proxies in front of the app add ``X-Forwarded-*`` headers (0: none)."""
    raw = str(value if value is not None else 0).strip()
    if not raw.isascii() or not raw.isdigit() or int(raw) > MAX_PROXY_HOPS:
        raise ConfigError(
            f"MATCHMAKER_PROXY_HOPS must be a whole number from 0 to {MAX_PROXY_HOPS}."
        )
    return int(raw)


class Config:
    """Development defaults; every value can be overridden from the environment."""

    ENV = "development"
    SECRET_KEY = _env("SECRET_KEY", DEV_SECRET_KEY)
    # None means: an SQLite file under the app's instance folder (set in create_app).
    DATABASE_URL = _env("DATABASE_URL")
    SQL_ECHO = False

    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
    LANGUAGES = ("nl", "en")

    WTF_CSRF_TIME_LIMIT = None  # token lives as long as the session
    RATELIMIT_STORAGE_URI = _env("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True  # keep limiting if Redis goes away
    RATELIMIT_ENABLED = _env("RATELIMIT_ENABLED", "1") not in ("0", "false", "no")  # load tests
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = "10 per minute"
    # Roles that must log in with a second factor (TOTP). Production: recruiters and admins;
    # development leaves it to the demo accounts unless MATCHMAKER_REQUIRE_2FA says otherwise.
    REQUIRE_2FA_ROLES = tuple(r for r in (_env("REQUIRE_2FA") or "").split(",") if r)

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    FORCE_HTTPS = False

    MAIL_FROM = _env("MAIL_FROM", "matchmaker <no-reply@matchmaker.local>")
    SMTP_HOST = _env("SMTP_HOST")  # unset: emails are written to the log (development)
    SMTP_PORT = int(_env("SMTP_PORT", "25") or 25)
    SMTP_USERNAME = _env("SMTP_USERNAME")
    SMTP_PASSWORD = _env("SMTP_PASSWORD")
    SMTP_STARTTLS = _env("SMTP_STARTTLS", "") in ("1", "true", "yes")
    MAIL_DELIVERY = "background"  # the task queue sends; "manual": only `matchmaker deliver-mail`
    TASKS_IMMEDIATE = _env("TASKS_IMMEDIATE", "") in ("1", "true", "yes")  # run tasks inline
    DIGEST_MIN_SCORE = 0.75
    # Every link in an email starts with PUBLIC_URL, never with the request's Host header.
    PUBLIC_URL = _env("PUBLIC_URL", DEV_PUBLIC_URL)
    # Requests for any other host are refused (400), so a forged Host cannot reach a page.
    TRUSTED_HOSTS = _trusted_hosts(PUBLIC_URL, development=True)
    INTEREST_RATE_LIMIT = "20 per hour"
    # Behind a reverse proxy every request comes from the proxy's address: trust the
    # X-Forwarded-For/-Proto/-Host/-Port of this many proxies (Werkzeug's ProxyFix). Off by
    # default, since without a proxy anyone could forge those headers.
    PROXY_HOPS = _env("PROXY_HOPS", "0")
    # Who runs this installation: the controller named in the privacy statement, and the
    # contact in the footer and on /contact.
    OPERATOR_NAME = _env("OPERATOR_NAME", "matchmaker (development installation)")
    OPERATOR_EMAIL = _env("OPERATOR_EMAIL", "privacy@matchmaker.local")
    OPERATOR_PHONE = _env("OPERATOR_PHONE", "")
    OPERATOR_ADDRESS = _env("OPERATOR_ADDRESS", "")

    COMPRESS_MIMETYPES = [
        "text/html",
        "text/css",
        "application/javascript",
        "text/javascript",
        "application/json",
        "application/geo+json",
    ]

    # 10 MB and room for the form around it: the largest upload (a listing photo of up to
    # 10 MB) fits; PDFs and CSVs have their own, smaller limits in their services. Anything
    # bigger is refused with 413.
    MAX_CONTENT_LENGTH = 10 * 1024 * 1024 + 512 * 1024
    # Conversation attachments, outside the web root (default: instance/attachments).
    ATTACHMENT_DIR = os.environ.get("MATCHMAKER_ATTACHMENT_DIR", "")
    # The steps of a takeover file (JSON, see matchmaker/data/takeover_steps.json); empty: those.
    TAKEOVER_STEPS = os.environ.get("MATCHMAKER_TAKEOVER_STEPS", "")
    # /metrics answers only with this bearer token (unset: the endpoint does not exist).
    METRICS_TOKEN = os.environ.get("MATCHMAKER_METRICS_TOKEN", "")
    # Errors go to Sentry when a DSN is set, with personal data scrubbed (logs.scrub_event).
    SENTRY_DSN = os.environ.get("MATCHMAKER_SENTRY_DSN", "")
    # Where to get independent advice on money (JSON, see matchmaker/data/advisers.json).
    ADVISERS = os.environ.get("MATCHMAKER_ADVISERS", "")
    MAX_FORM_MEMORY_SIZE = 5 * 1024 * 1024

    PAGE_SIZE = 12
    MATCHES_PER_PAGE = 20
    API_MAX_PER_PAGE = 100


class ProductionConfig(Config):
    """Settings for a deployment behind HTTPS."""

    ENV = "production"
    REQUIRE_2FA_ROLES = tuple(r for r in (_env("REQUIRE_2FA") or "recruiter,admin").split(",") if r)
    TRUSTED_HOSTS = _trusted_hosts(Config.PUBLIC_URL, development=False)
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    FORCE_HTTPS = True


class TestConfig(Config):
    """Settings for the test suite: a throwaway database, no real secrets."""

    ENV = "testing"
    TESTING = True
    SECRET_KEY = "test-secret"
    PUBLIC_URL = "http://localhost"
    TRUSTED_HOSTS = ["localhost", "127.0.0.1"]
    DATABASE_URL = os.environ.get("MATCHMAKER_TEST_DATABASE_URL", "sqlite://")
    RATELIMIT_STORAGE_URI = "memory://"
    MAIL_DELIVERY = "manual"
    TASKS_IMMEDIATE = True  # tasks run inline: no consumer in tests
    SMTP_HOST = None


def entropy_bits(key: str) -> float:
    """Shannon entropy of ``key`` by its own character frequencies, times its length."""
    if not key:
        return 0.0
    counts = Counter(key)
    return -sum(n * math.log2(n / len(key)) for n in counts.values())


def weak_secret(key: str) -> bool:
    """Whether ``key`` is public, short, or too regular to be a random secret."""
    return (
        key == DEV_SECRET_KEY
        or len(key.encode()) < MIN_SECRET_BYTES
        or not key.strip()
        or len(set(key)) < MIN_SECRET_DISTINCT
        or entropy_bits(key) < MIN_SECRET_ENTROPY_BITS
        or key in (key + key)[1:-1]  # a shorter piece repeated ("0123456789" * 4)
    )


def check_production(config: dict[str, Any]) -> None:
    """Refuse to run production with a missing, public, short or low-entropy ``SECRET_KEY``."""
    if config.get("ENV") != "production":
        return
    key = str(config.get("SECRET_KEY") or "")
    if weak_secret(key):
        raise ConfigError(
            "MATCHMAKER_SECRET_KEY must be set to a random secret of at least "
            f"{MIN_SECRET_BYTES} bytes (not a word or a repeated character) in production "
            "(for example: "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(48))')."
        )
    if not str(config.get("PUBLIC_URL") or "").startswith("https://"):
        raise ConfigError(
            "MATCHMAKER_PUBLIC_URL must be the site's https:// address in production: "
            "links in emails and the list of trusted hosts are built from it."
        )


def config_for_env() -> type[Config]:
    """Pick the configuration class for ``MATCHMAKER_ENV``; any other value is refused.

    A typo such as ``prod`` or ``Production`` must not quietly run the development settings
    (public key, plain-http cookies) on a server.
    """
    env = _env("ENV", "development")
    if env not in KNOWN_ENVIRONMENTS:
        raise ConfigError(
            f"MATCHMAKER_ENV={env!r} is not known: use one of {', '.join(KNOWN_ENVIRONMENTS)}."
        )
    return ProductionConfig if env == "production" else Config
