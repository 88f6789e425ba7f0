"""The taakbeleid of a school for a schooljaar: the parameters of the jaartaak balance.

A change never edits a version: it adds a new one with an ingangsdatum, so that the planner can
see what the parameters were before and the jaartaak shows which version it was computed with.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jaartaak.db import Base, ExactDecimal, IdMixin, TimestampMixin, VersionedMixin
from jaartaak.models.organisation import School, Schooljaar

#: The decimal parameters, in the order the forms and pages show them, with the defaults of
#: cao-vo.md section 8 (the CAO VO engine uses the same defaults when a value is missing).
TAAKBELEID_DEFAULTS: dict[str, Decimal] = {
    "lesduur_minuten": Decimal("50"),
    "lesweken": Decimal("37.8"),
    "opslagfactor": Decimal("0.5"),
    "max_lestaak_klokuren": Decimal("720"),
    "ontwikkeltijd": Decimal("50"),
    "professionalisering_op": Decimal("83"),
    "professionalisering_oop": Decimal("40"),
    "ast_per_fte": Decimal("0"),
}


class Taakbeleid(IdMixin, VersionedMixin, TimestampMixin, Base):
    """Version ``number`` of a school's taakbeleid for a schooljaar; the highest number applies."""

    __tablename__ = "taakbeleid"
    __audit_organisation__ = ("school_id", "school")
    __table_args__ = (
        UniqueConstraint("school_id", "schooljaar_id", "number"),
        CheckConstraint("CAST(lesduur_minuten AS NUMERIC) > 0", name="lesduur"),
        CheckConstraint("CAST(lesweken AS NUMERIC) > 0", name="lesweken"),
    )

    school_id: Mapped[int] = mapped_column(ForeignKey("school.id"), index=True)
    schooljaar_id: Mapped[int] = mapped_column(ForeignKey("schooljaar.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    ingangsdatum: Mapped[date] = mapped_column(Date)
    lesduur_minuten: Mapped[Decimal] = mapped_column(ExactDecimal(5, 2))
    lesweken: Mapped[Decimal] = mapped_column(ExactDecimal(5, 2))
    #: The default opslag on lesson hours; ``opslag_per_vak`` overrides it for some vakken.
    opslagfactor: Mapped[Decimal] = mapped_column(ExactDecimal(6, 4))
    #: ``{"natuurkunde": "0.6000"}``: decimal strings, never floats.
    opslag_per_vak: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    max_lestaak_klokuren: Mapped[Decimal] = mapped_column(ExactDecimal(7, 2))
    ontwikkeltijd: Mapped[Decimal] = mapped_column(ExactDecimal(7, 2))
    professionalisering_op: Mapped[Decimal] = mapped_column(ExactDecimal(7, 2))
    professionalisering_oop: Mapped[Decimal] = mapped_column(ExactDecimal(7, 2))
    ast_per_fte: Mapped[Decimal] = mapped_column(ExactDecimal(7, 2))
    #: Last day on which employees may submit pb requests for this schooljaar.
    pb_deadline: Mapped[date | None] = mapped_column(Date)
    toelichting: Mapped[str] = mapped_column(String(500), default="")

    school: Mapped[School] = relationship()
    schooljaar: Mapped[Schooljaar] = relationship()

    def opslag_voor(self, vak: str) -> Decimal:
        """The opslagfactor of ``vak`` (case-insensitive), else the school's default."""
        for name, value in (self.opslag_per_vak or {}).items():
            if name.casefold() == vak.casefold():
                return Decimal(value)
        return self.opslagfactor
