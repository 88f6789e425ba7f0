"""The demo school board "Demo Scholengroep": two schools, about 60 employees, five logins."""

from jaartaak.services.demo.seed import DEMO_ORGANISATION, DemoLogin, demo_exists, seed_demo

__all__ = ["DEMO_ORGANISATION", "DemoLogin", "demo_exists", "seed_demo"]
