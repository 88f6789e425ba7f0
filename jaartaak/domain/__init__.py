"""Pure rules: periods, Decimal arithmetic, the scheme protocol and the schemes themselves.

Nothing in this package imports Flask, SQLAlchemy, WeasyPrint, WTForms or Jinja (a test checks),
so the rules can be tested, reused and reasoned about on their own.
"""
