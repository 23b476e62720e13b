"""Average the weights of several fine-tunes of the same base model (a uniform "model soup").

Fine-tunes from the same pretrained weights, on the same rows but for a few dozen hand-written
ones, land close enough together that their average is itself a good model, and a steadier one:
on a thin label a single run swings with the seed and the rows (one run missed "i will beat you
up after school", the next caught it and escalated friendly trash talk as a threat). The soup is
one graph, so it costs nothing at run time.

    python -m models.training.train.soup --out ../artifacts/ft_hij \\
        ../artifacts/ft_h ../artifacts/ft_i ../artifacts/ft_j

The output is a fine-tune directory like its parts (``encoder/``, ``heads.npz``, and the last
part's ``split.json``, ``history.json``, ``val_rows.jsonl`` and ``emoji_words.json``) plus
``soup.json`` naming the parts, ready for ``ship_finetuned --ft``. Every part must have the same
validation rows (they are compared on them) and the same emoji table.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import numpy as np

COPIED = ("split.json", "history.json", "val_rows.jsonl", "emoji_words.json")


def soup(parts: list[Path], out: Path) -> None:
    from safetensors.numpy import load_file, save_file

    if len(parts) < 2:
        raise SystemExit("a soup needs at least two fine-tunes")
    for name in ("val_rows.jsonl", "emoji_words.json"):
        contents = {(p / name).read_bytes() if (p / name).exists() else b"" for p in parts}
        if len(contents) != 1:
            raise SystemExit(f"the parts differ in {name}: they must share it")
    out.mkdir(parents=True, exist_ok=True)
    last = parts[-1]
    shutil.copytree(last / "encoder", out / "encoder", dirs_exist_ok=True)
    for name in COPIED:
        if (last / name).exists():
            shutil.copyfile(last / name, out / name)
    weights = [load_file(str(p / "encoder" / "model.safetensors")) for p in parts]
    if any(w.keys() != weights[0].keys() for w in weights):
        raise SystemExit("the parts do not have the same tensors: not fine-tunes of one base model")
    averaged = {
        k: (sum(w[k].astype(np.float64) for w in weights) / len(weights)).astype(weights[0][k].dtype)
        for k in weights[0]
    }
    save_file(averaged, str(out / "encoder" / "model.safetensors"))
    heads = [np.load(p / "heads.npz") for p in parts]
    np.savez(
        out / "heads.npz",
        W=sum(h["W"] for h in heads) / len(heads),
        B=sum(h["B"] for h in heads) / len(heads),
    )
    runs = [json.loads((p / "history.json").read_text())["result"] for p in parts]
    (out / "soup.json").write_text(
        json.dumps(
            {"parts": [p.name for p in parts], "minutes": [round(r["seconds"] / 60, 1) for r in runs]},
            indent=1,
        )
        + "\n"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "parts", type=Path, nargs="+", help="fine-tune directories (train.py --mode finetune)"
    )
    args = parser.parse_args(argv)
    soup(args.parts, args.out)
    print(f"averaged {len(args.parts)} fine-tunes into {args.out}")


if __name__ == "__main__":
    main()
