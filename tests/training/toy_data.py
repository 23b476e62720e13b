"""A tiny data folder in the shared data's layout, written by the tests themselves.

Six English sets, a few dozen rows each, with every label the build's stages need on both sides:
olid (bullying, profanity), hatexplain (hate), suicidal tweets (self_harm) are validation sets as
in the shipped recipe; davidson and gametox train; pj_koutli2023 gives grooming lines. The texts
are made from word lists with a fixed seed, so two writes give the same files.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

NAMES = ["sam", "alex", "jo", "kim", "max", "lee", "ash", "ray", "pat", "val", "kai", "noa"]
THINGS = ["game", "match", "homework", "song", "film", "map", "team", "level", "quiz", "lunch"]
KIND = ["nice {t} today {n}", "good luck in the {t} {n}", "see you at the {t} later", "that {t} was fun {n}"]
MEAN = ["{n} you are a stupid loser", "nobody likes you {n}, go away", "{n} is so ugly and dumb lol"]
SWEAR = ["fuck this {t}", "this {t} is shit", "damn this {t} is hard"]
HATE = ["all those immigrants are vermin {n}", "gay people are disgusting {n}", "i hate every muslim {n}"]
SAD = ["i want to die {n}", "i cant go on anymore, goodbye {n}", "going to end it all tonight {n}"]
GROOM = [
    "how old are you {n}",
    "are you alone at home right now {n}",
    "dont tell your parents about us {n}",
    "send me a pic of you {n}",
    "lets meet up, i can pick you up {n}",
]


def _lines(templates: list[str], n: int, rng: random.Random) -> list[str]:
    out: list[str] = []
    while len(out) < n:
        text = rng.choice(templates).format(n=rng.choice(NAMES), t=rng.choice(THINGS))
        text = f"{text} {rng.randint(1, 999)}"
        if text not in out:
            out.append(text)
    return out


def _write(path: Path, header: list[str], rows: list[list[str]], *, delimiter: str = ",") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
        w = csv.writer(fh, delimiter=delimiter, quoting=quoting, escapechar="\\")
        w.writerow(header)
        w.writerows(rows)


def write_toy_data(root: Path, *, per_set: int = 24, seed: int = 0) -> Path:
    """Write the toy folder under ``root``; returns ``root``."""
    rng = random.Random(seed)
    third = per_set // 3
    olid = (
        [[f"o{i}", t, "NOT", "NULL", "NULL"] for i, t in enumerate(_lines(KIND, per_set, rng))]
        + [[f"u{i}", t, "OFF", "UNT", "NULL"] for i, t in enumerate(_lines(SWEAR, third, rng))]
        + [[f"b{i}", t, "OFF", "TIN", "IND"] for i, t in enumerate(_lines(MEAN, third, rng))]
    )
    _write(
        root / "hate/olid/olid-training-v1.0.tsv",
        ["id", "tweet", "subtask_a", "subtask_b", "subtask_c"],
        olid,
        delimiter="\t",
    )  # noqa: E501
    for split in ("train", "valid", "test"):
        rows = [[t, "normal"] for t in _lines(KIND, third, rng)] + [
            [t, "hatespeech"] for t in _lines(HATE, third, rng)
        ]
        _write(root / f"hate/hatexplain_resplit_LFR/{split}.tsv", ["text", "label"], rows, delimiter="\t")
    davidson = [[str(i), "2", t] for i, t in enumerate(_lines(KIND, per_set, rng))]
    davidson += [[str(per_set + i), "0", t] for i, t in enumerate(_lines(HATE, third, rng))]
    _write(root / "hate/davidson_hsol/labeled_data.csv", ["", "class", "tweet"], davidson)
    gametox = [[t, "0.0"] for t in _lines(KIND, per_set, rng)]
    gametox += [[t, "1.0"] for t in _lines(MEAN, third, rng)] + [
        [t, "2.0"] for t in _lines(SWEAR, third, rng)
    ]
    _write(root / "bullying/gametox_naseem2025/gametox.csv", ["message", "label"], gametox)
    tweets = [[t, "Not Suicide post"] for t in _lines(KIND, per_set, rng)]
    tweets += [[t, "Potential Suicide post "] for t in _lines(SAD, per_set // 2, rng)]
    _write(
        root / "extra/suicidal_tweet_detection_kaggle/Suicide_Ideation_Dataset_Twitter-based.csv",
        ["Tweet", "Suicide"],
        tweets,
    )
    for who in range(6):
        chat = root / "grooming/pj_koutli2023/raw"
        (chat / "predators").mkdir(parents=True, exist_ok=True)
        (chat / "officers").mkdir(parents=True, exist_ok=True)
        (chat / "predators" / f"predator_{who}.txt").write_text(
            "\n".join(_lines(GROOM, 6, rng)) + "\n", "utf-8"
        )
        (chat / "officers" / f"officer_{who}.txt").write_text("\n".join(_lines(KIND, 6, rng)) + "\n", "utf-8")
    return root


DE_KIND = ["schönes spiel heute {n}", "viel glück beim {t} {n}", "bis später beim training {n}"]
DE_MEAN = ["{n} du bist so ein dummer idiot", "keiner mag dich {n}, hau ab"]
DE_HATE = ["alle ausländer sind ungeziefer {n}", "diese flüchtlinge sind dreck {n}"]
DE_SWEAR = ["scheiße, das {t} ist schwer {n}", "verdammt nochmal {n}"]


def write_toy_multi_data(root: Path, *, per_set: int = 24, seed: int = 0) -> Path:
    """Two German sets of ``multi/`` (gahd_de, germeval2018_de) beside the English ones; returns ``root``."""
    rng = random.Random(seed)
    gahd = []
    for split in ("train", "dev", "test"):
        for label, templates in ((0, DE_KIND), (1, DE_HATE)):
            for t in _lines(templates, per_set // 2, rng):
                gahd.append([f"g{len(gahd)}", "", t, str(label), split])
    _write(
        root / "multi/gahd_de/gahd.csv", ["gahd_id", "contrastive_gahd_id", "text", "label", "split"], gahd
    )
    fine = (("OTHER", DE_KIND), ("INSULT", DE_MEAN), ("ABUSE", DE_HATE), ("PROFANITY", DE_SWEAR))
    for name in ("training", "test"):
        lines = [
            f"{t}\t{'OTHER' if label == 'OTHER' else 'OFFENSE'}\t{label}"
            for label, templates in fine
            for t in _lines(templates, per_set // 2, rng)
        ]
        path = root / f"multi/germeval2018_de/germeval2018.{name}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", "utf-8")
    return root
