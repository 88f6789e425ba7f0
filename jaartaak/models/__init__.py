"""All models, imported in one place so that the metadata is complete for Alembic."""

from jaartaak.models.accounts import ROLE_LABELS, LoginThrottle, Role, RoleAssignment, User
from jaartaak.models.audit import AuditEntry
from jaartaak.models.employee import APPOINTMENT_KINDS, CATEGORIES, Appointment, Employee
from jaartaak.models.jobs import Job, StoredFile
from jaartaak.models.organisation import Organisation, School, Schooljaar
from jaartaak.models.taken import Lesson, Task, TaskAssignment, TaskGroup

__all__ = [
    "APPOINTMENT_KINDS",
    "CATEGORIES",
    "ROLE_LABELS",
    "Appointment",
    "AuditEntry",
    "Employee",
    "Job",
    "Lesson",
    "LoginThrottle",
    "Organisation",
    "Role",
    "RoleAssignment",
    "School",
    "Schooljaar",
    "StoredFile",
    "Task",
    "TaskAssignment",
    "TaskGroup",
    "User",
]
