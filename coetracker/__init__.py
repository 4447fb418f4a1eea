"""COE Tracker: tracks Certificate of Eligibility applications for administrative scriveners.

The package is layered: ``ui`` → ``services`` → (``domain``, ``storage``). The domain is pure
Python, storage knows SQLAlchemy but not Qt, and only ``ui`` imports widgets.
"""

__version__ = "0.1.0"
APP_NAME = "COE Tracker"
APP_ID = "jp.coetracker.CoeTracker"
ORGANIZATION = "coetracker"
