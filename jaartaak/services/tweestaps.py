"""Two-factor login: TOTP codes (RFC 6238, pyotp), recovery codes, and the roles requiring it.

- A code is accepted from the previous, the current and the next 30-second window (pyotp's
  ``valid_window=1``: a phone clock a little off still works), and only for a time step later
  than the last one accepted (``User.totp_last_step``), so a code seen over someone's shoulder
  cannot be used again. That step is written with one conditional UPDATE, so two requests with
  the same code cannot both pass.
- Recovery codes replace a code once each (a lost phone): ten at activation, shown once.
- A beheerder can require two-factor login per role in their board
  (``Organisation.tweestaps_rollen``); a user holding such a role must switch it on before
  anything else, and cannot switch it off.

Every check of a code counts toward the login throttle (:mod:`jaartaak.services.throttle`) and
happens before the session writes anything.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

import pyotp
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from jaartaak.db import utcnow
from jaartaak.models import Organisation, RecoveryCode, Role, User
from jaartaak.services import accounts, throttle
from jaartaak.services.accounts import AccountError
from jaartaak.services.passwords import verify_password

ISSUER = "jaartaak"
RECOVERY_CODE_COUNT = 10
#: Lowercase letters and digits without the look-alikes (0/o, 1/l/i): 31 symbols.
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_RECOVERY_LENGTH = 10  # about 50 bits

WRONG_CODE = "De code klopt niet (of is al gebruikt). Vul de code in die de app nu toont."


class TweestapsError(AccountError):
    """A two-factor request that cannot be carried out."""


def new_secret() -> str:
    return pyotp.random_base32()


def grouped(secret: str) -> str:
    """The secret in groups of four, for typing it over into an app."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(secret: str, username: str) -> str:
    """The ``otpauth://`` address an authenticator app reads (from the QR code)."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def _matching_step(secret: str, code: str, now: datetime) -> int | None:
    """The time step ``code`` belongs to, within one window either side; None if none."""
    code = re.sub(r"\s", "", code or "")
    if not re.fullmatch(r"\d{6}", code):
        return None
    totp = pyotp.TOTP(secret)
    step = totp.timecode(now)
    for candidate in (step - 1, step, step + 1):
        if hmac.compare_digest(totp.generate_otp(candidate), code):
            return candidate
    return None


def _normalise_recovery(code: str) -> str:
    return re.sub(r"[\s-]", "", (code or "").lower())


def _recovery_hash(user_id: int, code: str) -> str:
    """SHA-256 of the user id and the code.

    A fast hash is enough here, unlike for passwords: the codes are random (about 50 bits), so
    there is no dictionary to try and no guess cheaper than the throttled login itself; a slow
    hash would only make every code check cost ten Argon2 verifications. The user id keeps
    equal codes of two users apart.
    """
    return hashlib.sha256(f"{user_id}:{_normalise_recovery(code)}".encode()).hexdigest()


def _new_recovery_codes(session: Session, user: User) -> list[str]:
    """Replace the user's recovery codes by ten new ones; the codes themselves, to show once."""
    user.recovery_codes.clear()
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_LENGTH))
        code = f"{raw[:5]}-{raw[5:]}"
        user.recovery_codes.append(RecoveryCode(code_hash=_recovery_hash(user.id, code)))
        codes.append(code)
    session.flush()
    return codes


def unused_recovery_codes(session: Session, user: User) -> int:
    return len([code for code in user.recovery_codes if code.used_at is None])


@dataclass(frozen=True)
class _Factor:
    step: int | None = None
    recovery: RecoveryCode | None = None


def _find_factor(session: Session, user: User, code: str, now: datetime) -> _Factor | None:
    """What ``code`` is for ``user``: a fresh TOTP step or an unused recovery code (read only)."""
    if user.totp_secret is None:
        return None
    step = _matching_step(user.totp_secret, code, now)
    if step is not None:
        if user.totp_last_step is not None and step <= user.totp_last_step:
            return None  # used already
        return _Factor(step=step)
    if len(_normalise_recovery(code)) != _RECOVERY_LENGTH:
        return None
    recovery = session.scalar(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _recovery_hash(user.id, code),
            RecoveryCode.used_at.is_(None),
        )
    )
    return _Factor(recovery=recovery) if recovery is not None else None


def _use_step(session: Session, user: User, step: int) -> bool:
    """Record ``step`` as used, atomically: False when it (or a later one) was used meanwhile."""
    result = session.execute(
        update(User)
        .where(
            User.id == user.id,
            or_(User.totp_last_step.is_(None), User.totp_last_step < step),
        )
        .values(totp_last_step=step)
        .execution_options(synchronize_session="fetch")
    )
    return result.rowcount == 1


def verify_second_factor(
    session: Session,
    user: User,
    code: str,
    address: str | None,
    policy: throttle.ThrottlePolicy,
    now: datetime | None = None,
) -> None:
    """Accept a TOTP code or a recovery code of ``user`` once; refuse (Dutch) otherwise.

    The attempt counts toward the login throttle; a wrong code counts as a failed login.
    """
    now = now or utcnow()
    accounts.check_attempt(session, user.username, address, policy, now)
    _use_code(session, user, code, address, policy, now)


def _use_code(
    session: Session,
    user: User,
    code: str,
    address: str | None,
    policy: throttle.ThrottlePolicy,
    now: datetime,
) -> None:
    """The check of :func:`verify_second_factor` for an attempt that was counted already."""
    factor = _find_factor(session, user, code, now)
    if factor is None:
        throttle.record_failure(session.get_bind(), address, policy, now)
        raise TweestapsError(WRONG_CODE)
    if factor.recovery is not None:
        # Versioned: a parallel use of the same code fails the flush (StaleDataError).
        factor.recovery.used_at = now
        session.flush()
    elif not _use_step(session, user, factor.step):
        raise TweestapsError(WRONG_CODE)


def enable(
    session: Session, user: User, secret: str, code: str, now: datetime | None = None
) -> list[str]:
    """Switch two-factor login on with ``secret`` once ``code`` proves the app has it.

    Returns the ten recovery codes, to be shown once.
    """
    now = now or utcnow()
    if user.totp_enabled:
        raise TweestapsError("Tweestapsverificatie staat al aan.")
    step = _matching_step(secret, code, now)
    if step is None:
        raise TweestapsError(
            "De code klopt niet. Controleer of de app het account heeft toegevoegd en of de "
            "klok van de telefoon goed staat, en vul de code in die de app nu toont."
        )
    user.totp_secret = secret
    user.totp_last_step = step
    return _new_recovery_codes(session, user)


def disable(
    session: Session,
    user: User,
    password: str,
    code: str,
    address: str | None,
    policy: throttle.ThrottlePolicy,
    now: datetime | None = None,
) -> None:
    """Switch two-factor login off: needs the password and a code (or a recovery code)."""
    now = now or utcnow()
    if not user.totp_enabled:
        raise TweestapsError("Tweestapsverificatie staat al uit.")
    roles = required_roles(user)
    if roles:
        raise TweestapsError(
            "Tweestapsverificatie is verplicht voor uw rol ("
            + ", ".join(role.label.lower() for role in roles)
            + "); u kunt hem niet uitzetten."
        )
    accounts.check_attempt(session, user.username, address, policy, now)
    if not verify_password(user.password_hash, password):
        throttle.record_failure(session.get_bind(), address, policy, now)
        raise TweestapsError("Het wachtwoord klopt niet.")
    _use_code(session, user, code, address, policy, now)
    user.totp_secret = None
    user.totp_last_step = None
    user.recovery_codes.clear()
    session.flush()


def regenerate_recovery_codes(
    session: Session,
    user: User,
    code: str,
    address: str | None,
    policy: throttle.ThrottlePolicy,
    now: datetime | None = None,
) -> list[str]:
    """Ten new recovery codes (the old ones stop working), after a code from the app."""
    if not user.totp_enabled:
        raise TweestapsError("Zet eerst tweestapsverificatie aan.")
    verify_second_factor(session, user, code, address, policy, now)
    return _new_recovery_codes(session, user)


def required_roles(user: User) -> list[Role]:
    """The roles of ``user`` for which their board requires two-factor login.

    Read through the grants' organisations: the session user is loaded with them joined
    (jaartaak.web.login), so the check that runs before every page costs no query of its own.
    """
    required = {
        (grant.organisation_id, role)
        for grant in user.roles
        for role in grant.organisation.tweestaps_rollen or ()
    }
    held = {
        Role(grant.role) for grant in user.roles if (grant.organisation_id, grant.role) in required
    }
    return [role for role in Role if role in held]


def must_enable(user: User) -> bool:
    """True when a role of ``user`` requires two-factor login and it is still off."""
    return not user.totp_enabled and bool(required_roles(user))


def set_required_roles(organisation: Organisation, roles: list[str]) -> None:
    """Require two-factor login for holders of ``roles`` in ``organisation`` (a beheerder)."""
    unknown = [role for role in roles if role not in {r.value for r in Role}]
    if unknown:
        raise TweestapsError(f"Onbekende rol: {', '.join(unknown)}.")
    organisation.tweestaps_rollen = [role.value for role in Role if role.value in roles]


def reset(user: User) -> None:
    """Switch two-factor login off for ``user`` without a code (a beheerder, for a lost phone).

    The caller checks that the beheerder may manage this user; if a role of the user requires
    two-factor login, the user switches it on again at the next login.
    """
    user.totp_secret = None
    user.totp_last_step = None
    user.recovery_codes.clear()
