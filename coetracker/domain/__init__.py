"""Pure-Python domain: case facts, readiness rules, Japanese calendar and dates. No Qt, no SQL."""
