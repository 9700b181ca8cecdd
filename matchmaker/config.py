"""Configuration read from the environment, with safe development defaults."""

from __future__ import annotations

import os


def _env(name: str, default: str | None = None) -> str | None:
    """Read a ``MATCHMAKER_*`` environment variable."""
    return os.environ.get(f"MATCHMAKER_{name}", default)


class Config:
    """Development defaults; every value can be overridden from the environment."""

    ENV = _env("ENV", "development")
    SECRET_KEY = _env("SECRET_KEY", "dev-only-insecure-key-change-me")
    # None means: an SQLite file under the app's instance folder (set in create_app).
    DATABASE_URL = _env("DATABASE_URL")
    SQL_ECHO = False

    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
    LANGUAGES = ("nl", "en")

    WTF_CSRF_TIME_LIMIT = None  # token lives as long as the session
    RATELIMIT_STORAGE_URI = _env("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True  # keep limiting if Redis goes away
    RATELIMIT_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = "10 per minute"

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    FORCE_HTTPS = False

    MAIL_FROM = _env("MAIL_FROM", "matchmaker <no-reply@matchmaker.local>")
    SMTP_HOST = _env("SMTP_HOST")  # unset: emails are written to the log (development)
    SMTP_PORT = int(_env("SMTP_PORT", "25") or 25)
    SMTP_USERNAME = _env("SMTP_USERNAME")
    SMTP_PASSWORD = _env("SMTP_PASSWORD")
    SMTP_STARTTLS = _env("SMTP_STARTTLS", "") in ("1", "true", "yes")
    MAIL_DELIVERY = "background"  # or "manual": only `matchmaker deliver-mail` sends
    DIGEST_MIN_SCORE = 0.75
    PUBLIC_URL = _env("PUBLIC_URL", "http://127.0.0.1:5000")  # for links in emails sent by cron
    INTEREST_RATE_LIMIT = "20 per hour"

    COMPRESS_MIMETYPES = [
        "text/html",
        "text/css",
        "application/javascript",
        "text/javascript",
        "application/json",
        "application/geo+json",
    ]

    PAGE_SIZE = 12
    MATCHES_PER_PAGE = 20
    API_MAX_PER_PAGE = 100


class ProductionConfig(Config):
    """Settings for a deployment behind HTTPS."""

    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    FORCE_HTTPS = True


class TestConfig(Config):
    """Settings for the test suite: a throwaway database, no real secrets."""

    ENV = "testing"
    TESTING = True
    SECRET_KEY = "test-secret"
    DATABASE_URL = os.environ.get("MATCHMAKER_TEST_DATABASE_URL", "sqlite://")
    RATELIMIT_STORAGE_URI = "memory://"
    MAIL_DELIVERY = "manual"
    SMTP_HOST = None


def config_for_env() -> type[Config]:
    """Pick the configuration class for ``MATCHMAKER_ENV``."""
    return ProductionConfig if _env("ENV") == "production" else Config
