"""The CAO VO scheme: jaartaak and persoonlijk budget (rules in docs/regels-cao-vo.md)."""

from jaartaak.domain.caovo.scheme import CaoVoScheme

__all__ = ["CaoVoScheme"]
