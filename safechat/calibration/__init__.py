"""Tools for safety teams: fit thresholds on labelled data, evaluate a policy, compare policies.

Modules: :mod:`.data` (stream and validate labelled JSONL, score it), :mod:`.metrics` (ROC-AUC,
PR-AUC, precision and recall with numpy), :mod:`.fit` (thresholds per label and age band),
:mod:`.toml_writer` (write a policy back to TOML), :mod:`.policy_diff` (compare and check
policies), :mod:`.report` and :mod:`.plots` (the evaluation report; plots need
``pip install 'safechat[plots]'``), :mod:`.progress` (a tiny progress line on stderr).
Nothing here is imported by ``import safechat``.
"""
