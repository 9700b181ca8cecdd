"""The application factory."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, current_app, session
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

from matchmaker import commands
from matchmaker.config import ROOT, Config, check_production, config_for_env, proxy_hops
from matchmaker.extensions import (
    CONTENT_SECURITY_POLICY,
    api_spec,
    babel,
    compress,
    csrf,
    db,
    htmx,
    limiter,
    login_manager,
    talisman,
)


def create_app(config: type[Config] | Config | None = None) -> Flask:
    """Build and configure a matchmaker app."""
    app = Flask(
        "matchmaker",
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    app.config.from_object(config or config_for_env())
    check_production(app.config)
    hops = proxy_hops(app.config.get("PROXY_HOPS"))
    if hops:  # the client's address, scheme and host as the proxies saw them
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops
        )
    if not app.config.get("DATABASE_URL"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        app.config["DATABASE_URL"] = f"sqlite:///{Path(app.instance_path) / 'matchmaker.db'}"
    if not app.config.get("ATTACHMENT_DIR"):
        app.config["ATTACHMENT_DIR"] = str(Path(app.instance_path) / "attachments")
    from matchmaker.services.money import advisers
    from matchmaker.services.takeover import steps

    steps.configure(app.config.get("TAKEOVER_STEPS"))  # a bad file stops the app, named
    advisers.configure(app.config.get("ADVISERS"))
    _init_extensions(app)
    from matchmaker import logs
    from matchmaker.web import observability

    # First: every other hook may end a request (a NUL byte, a missing second factor), and
    # its answer must carry the request's id too; registered first, its log line runs last.
    observability.register(app)
    _register_blueprints(app)
    logs.configure()
    logs.init_sentry(app.config.get("SENTRY_DSN"), environment=os.environ.get("MATCHMAKER_ENV", ""))
    if app.config["TASKS_IMMEDIATE"]:
        from matchmaker import tasks

        tasks.huey.immediate = True
    commands.register(app)
    return app


def _select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    chosen = session.get("lang")
    if chosen in languages:
        return str(chosen)
    if current_user and current_user.is_authenticated:
        return str(current_user.locale)
    return "nl"


def _init_extensions(app: Flask) -> None:
    db.init_app(app)
    compress.init_app(app)
    csrf.init_app(app)
    htmx.init_app(app)
    limiter.init_app(app)
    babel.init_app(
        app,
        locale_selector=_select_locale,
        default_translation_directories=str(ROOT / "translations"),
    )
    login_manager.init_app(app)
    talisman.init_app(
        app,
        force_https=app.config["FORCE_HTTPS"],
        strict_transport_security=app.config["FORCE_HTTPS"],
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        content_security_policy=CONTENT_SECURITY_POLICY,
        frame_options="DENY",
        referrer_policy="strict-origin-when-cross-origin",
    )


def _register_blueprints(app: Flask) -> None:
    from matchmaker.web import (
        admin,
        api,
        auth,
        campaigns,
        candidates,
        conversations,
        errors,
        feeds,
        guards,
        inbox,
        introductions,
        listings,
        mail,
        main,
        matches,
        participation,
        photos,
        practices,
        profile,
        recruiter,
        regions,
        searches,
        shortlist,
        takeover,
        templating,
        two_factor,
    )

    guards.install_converters(app)
    guards.register(app)
    errors.register(app)
    templating.register(app)
    auth.register_login_manager()
    app.register_blueprint(main.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(two_factor.bp)
    app.before_request(two_factor.require_for_roles)
    app.register_blueprint(practices.bp, url_prefix="/practices")
    app.register_blueprint(photos.bp)
    app.register_blueprint(listings.bp, url_prefix="/my/practices")
    app.register_blueprint(profile.bp, url_prefix="/profile")
    app.register_blueprint(matches.bp, url_prefix="/matches")
    app.register_blueprint(shortlist.bp, url_prefix="/shortlist")
    app.register_blueprint(searches.bp, url_prefix="/searches")
    app.register_blueprint(feeds.bp)
    app.register_blueprint(candidates.bp, url_prefix="/candidates")
    app.register_blueprint(inbox.bp, url_prefix="/notifications")
    app.register_blueprint(introductions.bp, url_prefix="/introductions")
    app.register_blueprint(conversations.bp, url_prefix="/introductions")
    app.register_blueprint(takeover.bp, url_prefix="/introductions")
    app.register_blueprint(regions.bp)
    app.register_blueprint(campaigns.bp, url_prefix="/recruiter/campaigns")
    app.register_blueprint(participation.bp)
    mail.register(app)
    app.register_blueprint(recruiter.bp, url_prefix="/recruiter")
    app.register_blueprint(admin.bp, url_prefix="/admin")
    app.register_blueprint(api.bp)
    csrf.exempt(api.bp)
    api_spec.register(app)
