"""safechat: moderation for children's chat.

Load once, moderate every message::

    from safechat import Moderator
    moderator = Moderator.load()
    decision = moderator.moderate("add me on snap: lily_2013", age_band="under_13")
    decision.action        # Action.MASK
    decision.masked_text   # 'add me on snap: *********'

Nothing is loaded at import time.
"""

from safechat.engine import Message, Moderator
from safechat.errors import (
    BundleError,
    InferenceError,
    InvalidInputError,
    PolicyError,
    PromptDataError,
    ReportStoreError,
    SafechatError,
)
from safechat.model.bundle import ModelBundle
from safechat.model.scorer import Scorer
from safechat.normalize import Evasion, NormalizedText, normalize
from safechat.policy.policy import Policy
from safechat.reports.types import ReportReason, ReportReceipt, ReportStatus
from safechat.types import (
    LABELS,
    Action,
    AgeBand,
    Coverage,
    Decision,
    Helpline,
    Label,
    Prompt,
    PromptOption,
    Reason,
    ReasonSource,
    Review,
    Role,
    Scores,
    Span,
)

__version__ = "0.5.0"

__all__ = [
    "LABELS",
    "Action",
    "AgeBand",
    "BundleError",
    "Coverage",
    "Decision",
    "Evasion",
    "Helpline",
    "InferenceError",
    "InvalidInputError",
    "Label",
    "Message",
    "ModelBundle",
    "Moderator",
    "NormalizedText",
    "Policy",
    "PolicyError",
    "Prompt",
    "PromptDataError",
    "PromptOption",
    "Reason",
    "ReasonSource",
    "ReportReason",
    "ReportReceipt",
    "ReportStatus",
    "ReportStoreError",
    "Review",
    "Role",
    "SafechatError",
    "Scorer",
    "Scores",
    "Span",
    "__version__",
    "normalize",
]
