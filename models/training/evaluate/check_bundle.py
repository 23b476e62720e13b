"""Load a bundle the way the runtime does and score a few messages (a smoke test).

    python -m models.training.evaluate.check_bundle models/safechat-en-minilm [--rows ../artifacts/rows.jsonl]

Verifies the manifest sha256s, normalises with safechat.normalize, tokenises with the bundle's
tokenizer.json (its own truncation/padding settings), runs model.onnx one message at a time and
applies calibration.json. With --rows it also measures how far single-message scoring drifts
from the batched int8 embeddings the heads were trained on (dynamic quantisation picks
activation scales per batch) and the ROC-AUC of the shipped graph on a training-mix sample
(in-sample: a smoke test, not an evaluation).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from pathlib import Path

import numpy as np

EXAMPLES = [
    "gg wp everyone",
    "you are so ugly and stupid, nobody at school likes you",
    "kys loser",
    "go back to your country you [slur]",
    "i will find you after school and beat you up",
    "send me a pic without your clothes",
    "how old are you? do your parents check your phone?",
    "lets keep this our little secret ok",
    "i want to kill myself",
    "this homework is killing me lol",
    "my number is 07700 900123 text me",
    "add me on snap lil.noah09",
    "fuck this level",
    "I have 3 cats",
    "w4nna m33t up? d0nt tell ur mum",
    "nice shot!",
]


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("bundle", type=Path)
    p.add_argument("--rows", type=Path)
    p.add_argument("--n", type=int, default=300)
    args = p.parse_args()
    import onnxruntime as ort
    from tokenizers import Tokenizer

    from safechat.normalize import normalize

    man = json.loads((args.bundle / "manifest.json").read_text())
    for f, h in man["files"].items():
        assert hashlib.sha256((args.bundle / f).read_bytes()).hexdigest() == h, f
    cal = json.loads((args.bundle / "calibration.json").read_text())["labels"]
    labels = man["labels"]
    a = np.array([cal[k]["a"] for k in labels])
    b = np.array([cal[k]["b"] for k in labels])
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    sess = ort.InferenceSession(str(args.bundle / "model.onnx"), so, providers=["CPUExecutionProvider"])
    tok = Tokenizer.from_file(str(args.bundle / "tokenizer.json"))
    tok.enable_truncation(man["max_length"])
    tok.no_padding()  # as safechat.model.onnx_scorer

    def run_one(session: ort.InferenceSession, output: str, model_text: str) -> np.ndarray:
        """One text (already normalised), unpadded, batch 1."""
        e = tok.encode(model_text)
        feed = {
            "input_ids": np.array([e.ids], np.int64),
            "attention_mask": np.array([e.attention_mask], np.int64),
        }
        result: np.ndarray = session.run([output], feed)[0][0]
        return result

    def score(text: str) -> np.ndarray:
        return run_one(sess, man["output"], normalize(text).text)

    print("sha256 ok;", man["name"], man["version"])
    print(f"{'text':48s} " + " ".join(f"{k[:7]:>7s}" for k in labels))
    for t in EXAMPLES:
        pr = 1 / (1 + np.exp(-(a * score(t) + b)))
        print(f"{t[:48]:48s} " + " ".join(f"{v:7.2f}" for v in pr))
    if args.rows:
        from sklearn.metrics import roc_auc_score

        rows = [json.loads(x) for x in args.rows.open(encoding="utf-8")]
        random.Random(0).shuffle(rows)
        rows = rows[: args.n]
        h = np.load("../artifacts/heads.npz")
        emb: np.ndarray | None = None
        embp = Path("../artifacts/embedder_int8.onnx")
        if embp.exists():
            es = ort.InferenceSession(str(embp), so, providers=["CPUExecutionProvider"])
            emb = np.array([run_one(es, "logits", r["text"]) for r in rows])
        # rows.jsonl texts are already normalised: score them without normalising again
        single = np.array([run_one(sess, "logits", r["text"]) for r in rows])
        res: dict[str, object] = {"n": len(rows)}
        if emb is not None:
            unpadded = emb @ h["W"].T + h["B"]
            d = np.abs(single - unpadded)
            pd = np.abs(1 / (1 + np.exp(-(a * single + b))) - 1 / (1 + np.exp(-(a * unpadded + b))))
            res["graph_vs_heads_on_embedder_logit_maxdiff"] = float(d.max())
            res["graph_vs_heads_on_embedder_prob_maxdiff"] = float(pd.max())
        for j, k in enumerate(labels):
            yy = [(r["labels"][k], single[i, j]) for i, r in enumerate(rows) if k in r["labels"]]
            ys = np.array([v[0] for v in yy])
            if len(set(ys)) == 2:
                res[f"in_sample_auc_{k}"] = round(float(roc_auc_score(ys, [v[1] for v in yy])), 3)
        print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
