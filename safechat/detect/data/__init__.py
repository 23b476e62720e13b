"""Data files of the rule detectors (read on first use, never at import)."""
