"""E-mail is an extra: without SMTP nothing is sent, and an unreachable server is only logged."""

from __future__ import annotations

import logging
import socket

from jaartaak.services import mail

CONFIG = {
    "SMTP_HOST": "127.0.0.1",
    "SMTP_PORT": 25,
    "SMTP_USER": "",
    "SMTP_PASSWORD": "",
    "SMTP_STARTTLS": False,
    "MAIL_FROM": "jaartaak@school.example",
}


def test_without_a_host_nothing_is_sent():
    assert not mail.configured({**CONFIG, "SMTP_HOST": ""})
    assert mail.send({**CONFIG, "SMTP_HOST": ""}, "a@b.example", "Onderwerp", "Tekst") is False


def test_an_unreachable_server_is_logged_not_raised(caplog):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with caplog.at_level(logging.WARNING, logger="jaartaak.services.mail"):
        sent = mail.send({**CONFIG, "SMTP_PORT": port}, "a@b.example", "Onderwerp", "Tekst")
    assert sent is False
    assert "e-mail aan a@b.example niet verstuurd" in caplog.text


def test_the_message_is_plain_text_from_the_configured_sender():
    message = mail.message(CONFIG, "a@b.example", "Uw verzoek", "Goedgekeurd.")
    assert (message["From"], message["To"], message["Subject"]) == (
        "jaartaak@school.example",
        "a@b.example",
        "Uw verzoek",
    )
    assert message.get_content().strip() == "Goedgekeurd."
