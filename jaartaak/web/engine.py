"""The app's scheme registry for views: one place that knows where the app keeps it."""

from __future__ import annotations

from flask import current_app

from jaartaak.plugins import SchemeRegistry


def registry() -> SchemeRegistry:
    return current_app.extensions["jaartaak"].schemes
