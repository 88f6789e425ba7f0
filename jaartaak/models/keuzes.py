"""An employee's persoonlijk budget choices for a schooljaar, as the planner records them."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jaartaak.db import Base, ExactDecimal, IdMixin, TimestampMixin, VersionedMixin
from jaartaak.models.employee import Employee
from jaartaak.models.organisation import Schooljaar

#: The pb doelen (cao-vo.md section 4) as column names, with the engine's doel names.
PB_DOELEN = {
    "reductie_lestaak": "reductie-lestaak",
    "reductie_overige_taken": "reductie-overige-taken",
    "verlof": "verlof",
    "sparen": "sparen",
    "uitbetalen": "uitbetalen",
}
#: Saved leave taken this year, per savings pot.
OPNAME_POTTEN = {"opname_pb": "pb", "opname_senior": "senior"}
AANVULLING_WIJZEN = ("verlof", "sparen")


def _hours_column() -> Mapped[Decimal]:
    return mapped_column(ExactDecimal(7, 2), default=Decimal("0.00"))


class PbKeuze(IdMixin, VersionedMixin, TimestampMixin, Base):
    """The hours per pb doel, the 57+ aanvulling and the saved leave taken, for one year."""

    __tablename__ = "pb_keuze"
    __audit_organisation__ = ("employee_id", "employee")
    __table_args__ = (
        UniqueConstraint("employee_id", "schooljaar_id"),
        CheckConstraint("aanvulling_niveau IN (0, 1, 2)", name="niveau"),
        CheckConstraint("aanvulling_wijze IN ('verlof', 'sparen')", name="wijze"),
    )

    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    schooljaar_id: Mapped[int] = mapped_column(ForeignKey("schooljaar.id"), index=True)
    reductie_lestaak: Mapped[Decimal] = _hours_column()
    reductie_overige_taken: Mapped[Decimal] = _hours_column()
    verlof: Mapped[Decimal] = _hours_column()
    sparen: Mapped[Decimal] = _hours_column()
    uitbetalen: Mapped[Decimal] = _hours_column()
    aanvulling_niveau: Mapped[int] = mapped_column(Integer, default=0)
    aanvulling_wijze: Mapped[str] = mapped_column(String(10), default="verlof")
    opname_pb: Mapped[Decimal] = _hours_column()
    opname_senior: Mapped[Decimal] = _hours_column()

    employee: Mapped[Employee] = relationship()
    schooljaar: Mapped[Schooljaar] = relationship()
