"""Password hashing at production strength, and hashes upgraded when the parameters grow."""

from __future__ import annotations

from argon2 import PasswordHasher, profiles

from jaartaak.services import passwords
from jaartaak.services.accounts import authenticate, create_user
from jaartaak.services.throttle import ThrottlePolicy


def test_production_hasher_is_argon2id_at_rfc_9106_strength():
    hashed = passwords.PRODUCTION_HASHER.hash("een-lang-wachtwoord")
    assert hashed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert passwords.PRODUCTION_HASHER.verify(hashed, "een-lang-wachtwoord")


def test_verify_is_false_for_wrong_password_unknown_hash_and_no_user():
    hashed = passwords.hash_password("een-lang-wachtwoord")
    assert passwords.verify_password(hashed, "een-lang-wachtwoord")
    assert not passwords.verify_password(hashed, "een-ander-wachtwoord")
    assert not passwords.verify_password("geen-hash", "een-lang-wachtwoord")
    assert not passwords.verify_password(None, "jaartaak-dummy-password")


def test_a_weaker_hash_is_upgraded_at_the_next_login(database):
    cheap = PasswordHasher.from_parameters(profiles.CHEAPEST)
    with database.session() as session:
        user = create_user(session, "anna", "een-lang-wachtwoord", display_name="Anna")
        user.password_hash = cheap.hash("een-lang-wachtwoord")
    passwords.use_hasher(passwords.PRODUCTION_HASHER)
    try:
        with database.session() as session:
            outcome = authenticate(session, "anna", "een-lang-wachtwoord", None, ThrottlePolicy())
            assert outcome.ok
            assert outcome.user.password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    finally:
        passwords.use_hasher(cheap)


def test_password_rules():
    assert passwords.password_problem("kort") == "Een wachtwoord heeft minstens 10 tekens."
    assert passwords.password_problem(" met-spatie-ervoor") is not None
    assert passwords.password_problem("lang-genoeg-wachtwoord") is None
