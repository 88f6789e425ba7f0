"""User accounts, their roles per school or organisation, and login throttling."""

from __future__ import annotations

import secrets
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jaartaak.db import Base, IdMixin, TimestampMixin, VersionedMixin
from jaartaak.models.employee import Employee
from jaartaak.models.organisation import Organisation, School


class Role(StrEnum):
    """What a person may do. A role is held for a whole organisation or for one school."""

    BEHEERDER = "beheerder"
    PLANNER = "planner"
    SALARIS = "salarisadministratie"
    MEDEWERKER = "medewerker"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.BEHEERDER: "Beheerder",
    Role.PLANNER: "Planner",
    Role.SALARIS: "Salarisadministratie",
    Role.MEDEWERKER: "Medewerker",
}


def new_session_token() -> str:
    return secrets.token_urlsafe(16)


class User(IdMixin, VersionedMixin, TimestampMixin, Base):
    """A login. Never deleted (the audit log keeps the name); deactivated instead."""

    __tablename__ = "user_account"
    __audit_organisation__ = "organisation_id"

    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255), info={"audit_mask": True})
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Part of the login cookie; changing it logs the user out everywhere (password change).
    session_token: Mapped[str] = mapped_column(
        String(40), default=new_session_token, info={"audit_mask": True}
    )
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"), unique=True)
    last_login_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), info={"audit": False}
    )
    #: Set with a temporary password: every page sends the user to change it first.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The TOTP secret (base32) once two-factor authentication is on; None while it is off.
    totp_secret: Mapped[str | None] = mapped_column(String(64), info={"audit_mask": True})
    #: The 30-second time step of the last code accepted, so that a code works only once.
    #: Bookkeeping of a login (a plain UPDATE, like ``last_login_at``), not an edit.
    totp_last_step: Mapped[int | None] = mapped_column(Integer, info={"audit": False})

    organisation: Mapped[Organisation | None] = relationship()
    employee: Mapped[Employee | None] = relationship()
    roles: Mapped[list[RoleAssignment]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )
    recovery_codes: Mapped[list[RecoveryCode]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    @property
    def totp_enabled(self) -> bool:
        return self.totp_secret is not None


class RoleAssignment(IdMixin, TimestampMixin, Base):
    """``user`` holds ``role`` in ``organisation``, for all its schools or (``school``) one."""

    __tablename__ = "role_assignment"
    __audit_organisation__ = "organisation_id"
    __table_args__ = (
        CheckConstraint(
            "role IN ('beheerder', 'planner', 'salarisadministratie', 'medewerker')", name="role"
        ),
        # A beheerder manages users and the audit log of the whole board: never one school.
        CheckConstraint("role <> 'beheerder' OR school_id IS NULL", name="beheerder_board_wide"),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    role: Mapped[str] = mapped_column(String(30))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id"), index=True)

    user: Mapped[User] = relationship(back_populates="roles")
    organisation: Mapped[Organisation] = relationship()
    school: Mapped[School | None] = relationship()


class RecoveryCode(IdMixin, VersionedMixin, TimestampMixin, Base):
    """A one-time code that replaces a TOTP code once (a lost phone); only its hash is kept.

    Versioned, so that two requests using the same code at the same moment cannot both succeed:
    the second UPDATE of ``used_at`` finds a newer version and fails.
    """

    __tablename__ = "recovery_code"
    __audit_organisation__ = ("user_id", "user_account")

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), info={"audit_mask": True})
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship(back_populates="recovery_codes")


class LoginThrottle(Base):
    """Login attempts per key within a window; see :mod:`jaartaak.services.throttle`."""

    __tablename__ = "login_throttle"
    __audit__ = False

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class LoginSession(Base):
    """One logged-in browser session, known to the server: see
    :mod:`jaartaak.services.login_sessions` for why the signed cookie alone is not enough.

    Only the SHA-256 of the session id is kept: the id itself is in the browser's cookie.
    Bookkeeping of a login, like ``last_login_at``: not audited.
    """

    __tablename__ = "login_session"
    __audit__ = False

    sid_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
