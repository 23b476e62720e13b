"""Policies (thresholds and actions per label and age band), decisions and child-facing prompts."""
