"""jaartaak-benefit-budget: the Benefit Budget of the CAO Netwerkbedrijven as a jaartaak scheme
(``nwb-benefit-budget``).

The entry point ``benefit-budget = "jaartaak_benefit_budget"`` (group ``jaartaak``, see
pyproject.toml) makes jaartaak register this module as a plugin; the hook below hands over the
scheme.
"""

from jaartaak import hookimpl
from jaartaak_benefit_budget.scheme import BenefitBudget


@hookimpl
def jaartaak_register_schemes():
    return [BenefitBudget()]
