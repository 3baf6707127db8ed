"""Test configuration: Hypothesis profiles.

Locally, Hypothesis explores new examples on every run. Under CI (``CI`` set in the environment) the ``ci``
profile derandomizes the search, so that a submission's result does not depend on the draw; run
``pytest --hypothesis-profile=dev`` (or unset ``CI``) to explore.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("dev")
settings.load_profile("ci" if os.environ.get("CI") else "dev")
