"""The example banks a policy names, loaded once per moderator and attached to each bundle."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from safechat.errors import ExemplarBankError
from safechat.exemplars.bank import ExemplarBank
from safechat.exemplars.scorer import BankedScorer
from safechat.exemplars.weights import ExemplarWeights
from safechat.model.bundle import EXEMPLARS_FILE, BundleManifest
from safechat.model.onnx_scorer import OnnxScorer
from safechat.model.scorer import Scorer
from safechat.policy.policy import Policy


@dataclass(frozen=True)
class PolicyBanks:
    """The banks of a policy: its own files (by model space), whether the bundles' own banks
    take part, and a digest of everything that does (for the policy version)."""

    files: tuple[ExemplarBank, ...] = ()
    bundled: frozenset[str] = frozenset()
    """The bundles (by name; ``"*"``: every one) whose own bank takes part."""
    digest: str = ""

    @classmethod
    def load(cls, policy: Policy, bundles: Sequence[BundleManifest]) -> PolicyBanks:
        """Load and validate the policy's bank files for the ``bundles`` that may score messages.

        Raises:
            ExemplarBankError: a file is missing or invalid, or was embedded by none of ``bundles``.
        """
        spaces = {f"{m.name} {m.version}": m for m in bundles}
        files: list[ExemplarBank] = []
        bundled: set[str] = set()
        parts: list[str] = []
        for path in policy.bank_files():
            if isinstance(path, str):
                bundled.add(path)
                parts += [
                    f"{space}:{m.files[EXEMPLARS_FILE]}"
                    for space, m in spaces.items()
                    if EXEMPLARS_FILE in m.files and path in ("*", m.name)
                ]
                continue
            bank = ExemplarBank.load(path)
            if bank.space not in spaces:
                raise ExemplarBankError(
                    f"bank {path.name} was embedded by {bank.space!r}, which is not among the bundles in use "
                    f"({sorted(spaces)}); re-embed it with 'safechat exemplars rebuild'"
                )
            files.append(bank)
            parts.append(f"{path.name}:{bank.sha256}")
        digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12] if parts else ""
        return cls(tuple(files), frozenset(bundled), digest)

    def attach(self, model: OnnxScorer) -> Scorer:
        """``model`` combined with the banks embedded by it; ``model`` itself when none takes part.

        Raises:
            ExemplarBankError: banks take part but the bundle cannot combine them (no embedding
                output or no ``exemplar_weights.json``).
            BundleError: the bundle's own bank or weights file is invalid.
        """
        banks = [bank for bank in self.files if bank.space == model.version]
        own = model.bundle.exemplars_path
        if own is not None and ({"*", model.bundle.manifest.name} & self.bundled):
            banks.insert(0, ExemplarBank.load(own))
        if not banks:
            return model
        weights = model.bundle.exemplar_weights_path
        if weights is None:
            raise ExemplarBankError(
                f"{model.version} has no exemplar_weights.json; banks cannot be used with it"
            )
        return BankedScorer(model, banks, ExemplarWeights.load(weights))
