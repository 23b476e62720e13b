"""A model bundle on disk: ONNX graph, tokenizer, calibration, manifest and model card.

The manifest lists the sha256 of every file; :meth:`ModelBundle.load` verifies all of them
before anything is used and raises :class:`~safechat.errors.BundleError` on any mismatch.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from safechat.errors import BundleError
from safechat.types import LABELS, Label

DEFAULT_BUNDLE_NAME = "safechat-en-minilm"
MULTILINGUAL_BUNDLE_NAME = "safechat-multi-e5"
_REQUIRED_FILES = ("model.onnx", "tokenizer.json", "calibration.json")
EMOJI_WORDS_FILE = "emoji_words.json"
EXEMPLARS_FILE = "exemplars.npz"
EXEMPLAR_WEIGHTS_FILE = "exemplar_weights.json"


class SpecialTokens(BaseModel):
    """The tokens that open, close and pad a model window (BERT's by default)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: str = "[CLS]"
    end: str = "[SEP]"
    pad: str = "[PAD]"


class BundleManifest(BaseModel):
    """``manifest.json``: what the bundle is and the sha256 of each of its files."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    format: int = Field(ge=1, le=1)
    name: str = Field(min_length=1)
    version: str = Field(min_length=1)
    labels: tuple[Label, ...]
    max_length: int = Field(ge=8, le=4096)
    inputs: tuple[str, ...] = ("input_ids", "attention_mask")
    output: str = "logits"
    embedding: str | None = None
    """The graph output with the pooled sentence embedding, when the bundle has one."""
    normalizer: str = ""
    special_tokens: SpecialTokens = SpecialTokens()
    languages: tuple[str, ...] = ("en",)
    """Languages (ISO 639-1) with fine-tuning data."""
    pretrained_languages: tuple[str, ...] = ()
    """Languages the encoder was pretrained on beyond ``languages`` (read zero-shot)."""
    files: dict[str, str]

    @field_validator("labels")
    @classmethod
    def _all_labels_in_order(cls, labels: tuple[Label, ...]) -> tuple[Label, ...]:
        if labels != LABELS:
            raise ValueError(f"labels must be exactly {[label.value for label in LABELS]}")
        return labels

    @field_validator("files")
    @classmethod
    def _required_files(cls, files: dict[str, str]) -> dict[str, str]:
        missing = [name for name in _REQUIRED_FILES if name not in files]
        if missing:
            raise ValueError(f"missing files: {missing}")
        return files


_Value = TypeVar("_Value")


def finite(value: float) -> float:
    """``value``, when it is a finite number (a validator for bundle files).

    Raises:
        ValueError: NaN or infinite.
    """
    if not math.isfinite(value):
        raise ValueError("must be finite")
    return value


def every_label(labels: dict[Label, _Value]) -> dict[Label, _Value]:
    """``labels``, when it has an entry for each of the eight labels (a validator for bundle files).

    Raises:
        ValueError: naming the labels missing.
    """
    missing = [label.value for label in LABELS if label not in labels]
    if missing:
        raise ValueError(f"missing labels: {missing}")
    return labels


class PlattParameters(BaseModel):
    """probability = sigmoid(a * logit + b)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    a: float
    b: float

    @field_validator("a", "b")
    @classmethod
    def _finite(cls, value: float) -> float:
        return finite(value)


class Calibration(BaseModel):
    """``calibration.json``: Platt scaling per label."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    method: str = Field(pattern="^platt$")
    labels: dict[Label, PlattParameters]

    @field_validator("labels")
    @classmethod
    def _every_label(cls, labels: dict[Label, PlattParameters]) -> dict[Label, PlattParameters]:
        return every_label(labels)


@dataclass(frozen=True, slots=True)
class ModelBundle:
    """A verified bundle directory."""

    path: Path
    manifest: BundleManifest
    calibration: Calibration
    digest: str

    @property
    def version(self) -> str:
        """``"<name> <version>"``."""
        return f"{self.manifest.name} {self.manifest.version}"

    @property
    def model_path(self) -> Path:
        return self.path / "model.onnx"

    @property
    def tokenizer_path(self) -> Path:
        return self.path / "tokenizer.json"

    @property
    def emoji_words_path(self) -> Path | None:
        """The bundle's table of emoji names (``emoji_words.json``), when it has one."""
        return self.path / EMOJI_WORDS_FILE if EMOJI_WORDS_FILE in self.manifest.files else None

    @property
    def exemplars_path(self) -> Path | None:
        """The bundle's own example bank (``exemplars.npz``), when it has one."""
        return self.path / EXEMPLARS_FILE if EXEMPLARS_FILE in self.manifest.files else None

    @property
    def exemplar_weights_path(self) -> Path | None:
        """How the bundle combines its scores with bank similarity (``exemplar_weights.json``)."""
        return self.path / EXEMPLAR_WEIGHTS_FILE if EXEMPLAR_WEIGHTS_FILE in self.manifest.files else None

    @classmethod
    def load(cls, path: str | Path | None = None) -> ModelBundle:
        """Open and verify the bundle at ``path`` (default: the shipped English bundle).

        Raises:
            BundleError: the directory or a file is missing, a sha256 does not match, or the
                manifest or calibration does not validate.
        """
        root = Path(path) if path is not None else default_bundle_path()
        manifest_file = root / "manifest.json"
        if not manifest_file.is_file():
            raise BundleError(f"no manifest.json in model bundle {root}")
        manifest = read_bundle_file(BundleManifest, manifest_file)
        for name, expected in manifest.files.items():
            _verify(root / name, expected)
        calibration = read_bundle_file(Calibration, root / "calibration.json")
        digest = hashlib.sha256(manifest_file.read_bytes()).hexdigest()
        return cls(root, manifest, calibration, digest)


def read_manifest(path: str | Path) -> BundleManifest:
    """The manifest of the bundle at ``path``, validated but with no file verified (cheap: for
    naming a bundle before it is loaded).

    Raises:
        BundleError: no manifest, or one that does not validate.
    """
    manifest_file = Path(path) / "manifest.json"
    if not manifest_file.is_file():
        raise BundleError(f"no manifest.json in model bundle {path}")
    return read_bundle_file(BundleManifest, manifest_file)


def shipped_bundle_path(name: str) -> Path | None:
    """Where the shipped bundle ``name`` lives (inside the installed package, or ``models/``
    in a checkout), or ``None`` when it is not installed."""
    packaged = Path(str(resources.files("safechat"))) / "_bundled" / name
    checkout = Path(__file__).resolve().parents[2] / "models" / name
    for candidate in (packaged, checkout):
        if (candidate / "manifest.json").is_file():
            return candidate
    return None


def default_bundle_path() -> Path:
    """Where the shipped English bundle lives.

    Raises:
        BundleError: when it is not installed.
    """
    path = shipped_bundle_path(DEFAULT_BUNDLE_NAME)
    if path is None:
        raise BundleError(
            f"the default model bundle {DEFAULT_BUNDLE_NAME} is not installed; "
            "pass Moderator.load(bundle=PATH) or reinstall safechat"
        )
    return path


_Model = TypeVar("_Model", bound=BaseModel)


def read_bundle_file(model: type[_Model], path: Path) -> _Model:
    """The JSON file ``path`` of a bundle, validated as ``model``.

    Raises:
        BundleError: the file is missing, not JSON, or does not validate.
    """
    try:
        return model.model_validate(json.loads(path.read_text("utf-8")))
    except FileNotFoundError:
        raise BundleError(f"model bundle file missing: {path}") from None
    except (OSError, json.JSONDecodeError, ValidationError) as err:
        raise BundleError(f"{path.name} in model bundle {path.parent} is invalid: {err}") from None


def _verify(path: Path, expected: str) -> None:
    if not path.is_file():
        raise BundleError(f"model bundle file missing: {path}")
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != expected.lower():
        raise BundleError(
            f"sha256 mismatch for {path}: the manifest says {expected[:12]}..., "
            f"the file is {digest.hexdigest()[:12]}...; the bundle is corrupted or was modified"
        )
