"""The training pipeline of safechat's model bundles, in stages (see README.md beside this file):

- ``common``: the label set, the row type, model text, bundle files and manifests;
- ``data``: one loader per data set, the hand-written and children's chat sets, the written rows;
- ``train``: heads on a frozen encoder, fine-tuning, the seed soup, example banks, the policy fit;
- ``export``: ONNX graphs, int8 quantisation, calibration and the bundle's model files;
- ``evaluate``: model cards, checks, per-language and conversation evaluation;
- ``pipelines``: the builds that call the stages in order (``python -m models.training build``);
- ``experiments``: one-off questions, each with its answer (experiments/README.md).

Importing the package adds a finder for the old flat command names (``legacy.py``), so commands
quoted in the shipped model cards, such as ``python -m models.training.childchat``, still run.
"""

from models.training import legacy

legacy.install()
