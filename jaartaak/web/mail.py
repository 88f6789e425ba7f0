"""E-mail about a decision, queued after the commit (so no mail tells of a change rolled back)."""

from __future__ import annotations

from flask import current_app, url_for

from jaartaak.models import KeuzeVerzoek, User
from jaartaak.services import mail


def send_notices(users: list[User], verzoek: KeuzeVerzoek) -> None:
    """Mail each user with an address the outcome of ``verzoek`` (when SMTP is configured)."""
    if not mail.configured(current_app.config):
        return
    queue = current_app.extensions["jaartaak"].queue
    word = "goedgekeurd" if verzoek.status == "goedgekeurd" else "afgewezen"
    subject = f"Uw verzoek voor {verzoek.schooljaar.code} is {word}"
    body = (
        f"Uw verzoek voor schooljaar {verzoek.schooljaar.code} is {word}."
        + (f"\n\nReden: {verzoek.reden}" if verzoek.reden else "")
        + f"\n\nBekijk het in jaartaak: {url_for('mijn.verzoeken_lijst', _external=True)}\n"
    )
    for user in users:
        if user.email:
            queue.send_mail(user.email, subject, body)
