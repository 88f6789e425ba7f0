"""Publishing every taakbrief of a school: a background job that renders on every core.

The job computes all briefs and their HTML in its own process (that needs the database and the
engine), renders the PDFs in a process pool (WeasyPrint is CPU work in one thread, so one
process per core), and stores each version as soon as its PDF is done, in its own short
transaction, so the planner's progress bar moves while the rest renders.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from jinja2 import Environment
from sqlalchemy.exc import IntegrityError

from jaartaak.db import utcnow
from jaartaak.models import Role, School, Schooljaar
from jaartaak.plugins import SchemeRegistry
from jaartaak.services import staff, taakbrief_pdf
from jaartaak.services.jobs import JobContext, JobFailed, JobKind
from jaartaak.services.taakbrief import bewaar, voorbereiden

NAME = "taakbrieven-publiceren"


def kind(environment: Callable[[], Environment], schemes: Callable[[], SchemeRegistry]) -> JobKind:
    """The job kind; the app factory passes its Jinja environment and scheme registry."""
    return JobKind(
        NAME,
        "Alle taakbrieven publiceren",
        partial(publish_all, environment, schemes),
        Role.PLANNER,
    )


def params(school: School, schooljaar: Schooljaar) -> dict[str, int]:
    return {"school_id": school.id, "schooljaar_id": schooljaar.id}


def _samenvatting(gepubliceerd: int, ongewijzigd: int, fouten: list[str], tegelijk: int) -> str:
    parts = [f"{gepubliceerd} gepubliceerd", f"{ongewijzigd} ongewijzigd"]
    if fouten:
        parts.append(
            f"{len(fouten)} niet gepubliceerd door een fout in de jaartaak ({', '.join(fouten)})"
        )
    if tegelijk:
        parts.append(f"{tegelijk} tegelijk door iemand anders gepubliceerd")
    return "; ".join(parts) + "."


def publish_all(
    environment: Callable[[], Environment],
    schemes: Callable[[], SchemeRegistry],
    context: JobContext,
) -> None:
    """A new version for every employee of the school whose brief changed (or who has none)."""
    with context.session() as session:
        school = session.get(School, context.params.get("school_id", 0))
        year = session.get(Schooljaar, context.params.get("schooljaar_id", 0))
        if school is None or year is None or year.organisation_id != school.organisation_id:
            raise JobFailed("De school of het schooljaar bestaat niet meer.")
        employees = staff.employees(session, [school.id])
        total = len(employees)
        context.progress(0, total, f"0 van {total} taakbrieven")
        plan = voorbereiden(session, employees, year, schemes(), environment(), utcnow())
        fouten = [person.full_name for person, _messages in plan.fouten.values()]
        done = total - len(plan.ontwerpen)
        context.progress(done, message=f"{done} van {total} taakbrieven")
        gepubliceerd = tegelijk = 0
        for ontwerp, pdf in taakbrief_pdf.pdfs((o, o.html) for o in plan.ontwerpen):
            try:
                bewaar(session, ontwerp, pdf, context.actor.user_id)
                session.commit()
                gepubliceerd += 1
            except IntegrityError:  # a planner published this employee's version meanwhile
                session.rollback()
                tegelijk += 1
            done += 1
            context.progress(done, message=f"{done} van {total} taakbrieven")
        context.progress(
            total, message=_samenvatting(gepubliceerd, len(plan.ongewijzigd), fouten, tegelijk)
        )
