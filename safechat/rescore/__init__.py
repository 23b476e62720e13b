"""Re-score chat history (``safechat rescore``): message decisions, then the conversation
tracker per (sender, recipient) pair, and the report of senders whose grooming stage rose
towards several children. Runs locally or on Ray Data (the ``ray`` extra); reads and writes
Parquet with pyarrow (the ``rescore`` extra). See docs/rescore.md.
"""

from safechat.rescore.passes import RescoreConfig
from safechat.rescore.records import RescoreError
from safechat.rescore.run import ENGINES, RescoreSummary, rescore

__all__ = ["ENGINES", "RescoreConfig", "RescoreError", "RescoreSummary", "rescore"]
