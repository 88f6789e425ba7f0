"""E-mail to users through the board's SMTP server, sent by the job queue, never in a request.

Mail is an extra: the in-app notice is the record. Without ``SMTP_HOST`` nothing is sent; a
server that refuses or cannot be reached is logged, and the notice still stands.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Mapping
from email.message import EmailMessage
from typing import Any

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 20


def configured(config: Mapping[str, Any]) -> bool:
    return bool(config.get("SMTP_HOST"))


def message(config: Mapping[str, Any], to: str, subject: str, body: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = config["MAIL_FROM"]
    mail["To"] = to
    mail["Subject"] = subject
    mail.set_content(body)
    return mail


def send(config: Mapping[str, Any], to: str, subject: str, body: str) -> bool:
    """Send one plain-text mail; False (and a log line) when the server refuses or is away."""
    if not configured(config):
        return False
    try:
        with smtplib.SMTP(
            config["SMTP_HOST"], config["SMTP_PORT"], timeout=TIMEOUT_SECONDS
        ) as server:
            if config["SMTP_STARTTLS"]:
                server.starttls()
            if config["SMTP_USER"]:
                server.login(config["SMTP_USER"], config["SMTP_PASSWORD"])
            server.send_message(message(config, to, subject, body))
    except (OSError, smtplib.SMTPException) as error:
        log.warning("e-mail aan %s niet verstuurd: %s", to, error)
        return False
    return True
