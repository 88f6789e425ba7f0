"""Password hashing with Argon2id (argon2-cffi), the current OWASP recommendation."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

#: Argon2id with argon2-cffi's defaults (RFC 9106 low-memory profile: 64 MiB, 3 passes).
PRODUCTION_HASHER = PasswordHasher()
_hasher = PRODUCTION_HASHER

#: Verified against when a user name is unknown, so that a wrong user name takes as long as a
#: wrong password and response times do not reveal which accounts exist.
_DUMMY_HASH = _hasher.hash("jaartaak-dummy-password")


def use_hasher(hasher: PasswordHasher) -> None:
    """Swap the hasher; the test suite uses argon2's cheapest profile so it stays fast."""
    global _hasher, _DUMMY_HASH
    _hasher = hasher
    _DUMMY_HASH = hasher.hash("jaartaak-dummy-password")


MIN_PASSWORD_LENGTH = 10


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def password_problem(password: str) -> str | None:
    """A Dutch reason why ``password`` is not acceptable, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Een wachtwoord heeft minstens {MIN_PASSWORD_LENGTH} tekens."
    if password.strip() != password:
        return "Een wachtwoord begint of eindigt niet met een spatie."
    return None
