"""Help, contact and privacy: who runs the platform, from configuration, on every page."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient


def test_the_operator_from_configuration_is_named_everywhere(
    app: Flask, client: FlaskClient
) -> None:
    app.config.update(
        OPERATOR_NAME="Stichting Huisarts in de Regio",
        OPERATOR_EMAIL="privacy@huisartsregio.example",
        OPERATOR_PHONE="0527 123 456",
        OPERATOR_ADDRESS="Harmen Visserplein 1, Emmeloord",
    )
    footer = client.get("/").get_data(as_text=True)
    assert "Beheerd door Stichting Huisarts in de Regio" in footer
    assert 'href="tel:0527123456"' in footer and 'href="/privacy"' in footer
    contact = client.get("/contact").get_data(as_text=True)
    assert "Harmen Visserplein 1, Emmeloord" in contact and "binnen een maand" in contact
    privacy = client.get("/privacy").get_data(as_text=True)
    assert (
        "Verwerkingsverantwoordelijke voor uw persoonsgegevens is Stichting Huisarts in de Regio"
        in privacy
    )
    assert "Autoriteit Persoonsgegevens" in privacy and "14 dagen" in privacy


def test_help_answers_each_role_and_registration_links_the_privacy_statement(
    client: FlaskClient,
) -> None:
    help_page = client.get("/help").get_data(as_text=True)
    for section in ('id="holders"', 'id="candidates"', 'id="recruiters"'):
        assert section in help_page
    register = client.get("/register").get_data(as_text=True)
    assert "data-privacy-link" in register and 'href="/privacy"' in register
    english = client.get("/privacy", headers={"Accept-Language": "en"})
    assert english.status_code == 200
