"""The exception hierarchy. Every error safechat raises derives from :class:`SafechatError`.

No exception message ever contains message text.
"""

from __future__ import annotations


class SafechatError(Exception):
    """Root of every error safechat raises."""


class InvalidInputError(SafechatError, ValueError):
    """A message, option or input line that cannot be moderated as given (wrong type, too long...)."""


class BundleError(SafechatError):
    """The model bundle is missing, incomplete, fails its sha256 check or cannot be loaded."""


class PolicyError(SafechatError):
    """A policy file that does not validate. ``str(err)`` names the field paths that are wrong."""


class ExemplarBankError(SafechatError):
    """An example bank file is missing, malformed, or was embedded by another model bundle."""


class PromptDataError(SafechatError):
    """A prompt or helpline data file is missing or malformed."""


class InferenceError(SafechatError):
    """The model failed while scoring. The engine turns this into a fail-closed decision."""


class ReportStoreError(SafechatError):
    """The report store could not be opened, read or written. A report that raised this was not
    acknowledged: the caller should retry it (with the same idempotency key)."""


class UnknownReportError(SafechatError, LookupError):
    """No report has the id given."""
