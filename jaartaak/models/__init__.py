"""All models, imported in one place so that the metadata is complete for Alembic."""

from jaartaak.models.accounts import (
    ROLE_LABELS,
    LoginSession,
    LoginThrottle,
    RecoveryCode,
    Role,
    RoleAssignment,
    User,
)
from jaartaak.models.api_token import ApiToken
from jaartaak.models.audit import AuditEntry
from jaartaak.models.employee import APPOINTMENT_KINDS, CATEGORIES, Appointment, Employee
from jaartaak.models.jobs import Job, StoredFile
from jaartaak.models.keuzes import AANVULLING_WIJZEN, OPNAME_POTTEN, PB_DOELEN, PbKeuze
from jaartaak.models.organisation import Organisation, School, Schooljaar
from jaartaak.models.regelingen import (
    DEFAULT_SCHEME,
    Gebeurtenis,
    RegelingBeginstand,
    RegelingFeiten,
    RegelingGebruik,
    RegelingKeuze,
)
from jaartaak.models.salaris import Afwikkeling, Salarisafsluiting, SalarisregelOpgeslagen
from jaartaak.models.selfservice import (
    TAAKBRIEF_STATUS_LABELS,
    VERZOEK_STATUS_LABELS,
    KeuzeVerzoek,
    Melding,
    Taakbrief,
)
from jaartaak.models.taakbeleid import TAAKBELEID_DEFAULTS, Taakbeleid
from jaartaak.models.taken import Lesson, Task, TaskAssignment, TaskGroup
from jaartaak.models.uitkomst import Rekenuitkomst

__all__ = [
    "AANVULLING_WIJZEN",
    "APPOINTMENT_KINDS",
    "CATEGORIES",
    "DEFAULT_SCHEME",
    "OPNAME_POTTEN",
    "PB_DOELEN",
    "ROLE_LABELS",
    "TAAKBELEID_DEFAULTS",
    "TAAKBRIEF_STATUS_LABELS",
    "VERZOEK_STATUS_LABELS",
    "Afwikkeling",
    "ApiToken",
    "Appointment",
    "AuditEntry",
    "Employee",
    "Gebeurtenis",
    "Job",
    "KeuzeVerzoek",
    "Lesson",
    "LoginSession",
    "LoginThrottle",
    "Melding",
    "Organisation",
    "PbKeuze",
    "RecoveryCode",
    "RegelingBeginstand",
    "RegelingFeiten",
    "RegelingGebruik",
    "RegelingKeuze",
    "Rekenuitkomst",
    "Role",
    "RoleAssignment",
    "Salarisafsluiting",
    "SalarisregelOpgeslagen",
    "School",
    "Schooljaar",
    "StoredFile",
    "Taakbeleid",
    "Taakbrief",
    "Task",
    "TaskAssignment",
    "TaskGroup",
    "User",
]
