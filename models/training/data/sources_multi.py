"""Loaders for the non-English sets in ``../shared/data/multi`` and their mapping to safechat's labels.

Same contract as :mod:`models.training.data.sources`: every loader returns RAW :class:`Row` objects whose
``labels`` hold ONLY the labels the set speaks for (a missing label is unknown and masked out of
training and evaluation, never a negative). ``meta`` carries:

* ``lang``: ISO 639-1 code of the text;
* ``split``: ``train`` / ``dev`` / ``test`` where the set has an official split, else ``""`` (the
  pipeline then makes a fixed, seeded, group-level 80/20 split);
* ``offensive``: ``"1"`` / ``"0"`` where the set only says offensive vs not (OFF/NOT and similar), so
  that the evaluation can also score "offensive of any kind" for it.

safechat's labels, as used here: bullying = insult, abuse or harassment aimed at a person;
hate = attack on a group or on a person for their identity; profanity = swearing or vulgarity not
aimed at anyone; threat = intent to harm. The sets below say nothing about sexual, grooming,
self_harm or pii, so those stay unknown for every non-English row.

OFF/NOT sets (OffensEval 2020 da/el/tr, HateBR, BAN-PL) do not say WHICH kind of offence a message
is. Their annotation scheme (OLID, Zampieri et al. 2019) puts insults, threats, profanity and
group attacks under OFF; in the English OLID data 88% of OFF posts are targeted and 62% of those at
an individual, so "insult aimed at someone" is the largest single class. We map OFF -> bullying=1
(hate, profanity and threat stay UNKNOWN for OFF rows, so no head learns that an offensive group
attack is "not hate") and NOT -> bullying = hate = profanity = threat = 0. The bullying head
therefore learns a broader "targeted offence" notion in da/el/tr than in English; the model card
says so, and the evaluation also reports "offensive of any kind" (max of the calibrated bullying,
hate, profanity and threat probabilities) against OFF/NOT.

Licences are recorded per set in :data:`SETS`. ``shipped`` = the licence allows training the heads
of a model we ship (CC BY, CC BY-SA, MIT, Apache, or none stated: included, flagged in the card).
Non-commercial / research-only sets are evaluation-only and never reach the shipped heads.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from models.training.common.rows import Row

csv.field_size_limit(sys.maxsize)

NOT_OFFENSIVE = {"bullying": 0, "hate": 0, "profanity": 0, "threat": 0}


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _row(
    text: str, name: str, labels: dict[str, int], group: str, lang: str, split: str = "", **meta: str
) -> Row:
    return Row(_clean(text), name, dict(labels), f"{name}:{group}", {"lang": lang, "split": split, **meta})


def _csv(path: Path, **kw: Any) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        return list(csv.DictReader(fh, **kw))


def _tsv_plain(path: Path) -> list[list[str]]:
    """Tab-separated lines without quoting (OffensEval files contain literal quote characters)."""
    return [
        line.split("\t")
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
        if line.strip()
    ]


def _offensive(flag: bool) -> tuple[dict[str, int], str]:
    """The OFF/NOT mapping (see the module docstring): OFF -> bullying=1, NOT -> all four = 0."""
    return ({"bullying": 1} if flag else dict(NOT_OFFENSIVE)), "1" if flag else "0"


# ---------------------------------------------------------------- German
def load_gahd(root: Path) -> list[Row]:
    """gahd_de (CC BY 4.0): hate = label (expert-adjudicated hate speech 1/0). Says nothing about
    bullying or profanity (adversarial non-hate items can still insult). Official train/dev/test;
    contrastive pairs share a group."""
    out = []
    for r in _csv(root / "multi/gahd_de/gahd.csv"):
        group = min(r["gahd_id"], r["contrastive_gahd_id"] or r["gahd_id"])
        out.append(_row(r["text"], "gahd_de", {"hate": int(r["label"])}, group, "de", r["split"]))
    return out


def load_germeval2018(root: Path) -> list[Row]:
    """germeval2018_de (CC BY 4.0), fine labels: OTHER -> bullying=hate=profanity=threat=0;
    INSULT (negative qualities ascribed to a person, no identity) -> bullying=1, hate=0;
    ABUSE (degradation for group membership / of a group, dehumanisation) -> hate=1 (bullying,
    profanity unknown); PROFANITY (swearing, no insult) -> profanity=1, bullying=hate=0.
    Official training / test files."""
    fine = {
        "OTHER": dict(NOT_OFFENSIVE),
        "INSULT": {"bullying": 1, "hate": 0},
        "ABUSE": {"hate": 1},
        "PROFANITY": {"profanity": 1, "bullying": 0, "hate": 0},
    }
    out = []
    for split, name in (("train", "training"), ("test", "test")):
        for i, parts in enumerate(_tsv_plain(root / f"multi/germeval2018_de/germeval2018.{name}.txt")):
            if len(parts) == 3 and parts[2].strip() in fine:
                label = parts[2].strip()
                out.append(
                    _row(
                        parts[0],
                        "germeval2018_de",
                        fine[label],
                        f"{split}{i}",
                        "de",
                        split,
                        offensive=str(int(label != "OTHER")),
                    )
                )
    return out


def _xlsx_rows(path: Path) -> list[dict[str, str]]:
    """The first sheet of an .xlsx file as dicts (header row = keys); strings and numbers only."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as z:
        shared = [
            "".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t"))
            for si in ElementTree.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns)
        ]
        sheet = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    table = []
    for row in sheet.iter(f"{{{ns['m']}}}row"):
        cells: dict[str, str] = {}
        for c in row.findall("m:c", ns):
            col = re.sub(r"\d", "", c.get("r", ""))
            v = c.find("m:v", ns)
            if c.get("t") == "s" and v is not None:
                cells[col] = shared[int(v.text or 0)]
            elif c.get("t") == "inlineStr":
                cells[col] = "".join(t.text or "" for t in c.iter(f"{{{ns['m']}}}t"))
            elif v is not None:
                cells[col] = v.text or ""
        table.append(cells)
    header = table[0]
    return [{header[k]: v for k, v in cells.items() if k in header} for cells in table[1:]]


def load_hasoc(root: Path) -> list[Row]:
    """hasoc2019_2020_de (licence none stated), task 2: NONE -> bullying=hate=profanity=threat=0;
    HATE (negative attributes ascribed to a group) -> hate=1; OFFN (degrading / insulting /
    threatening an individual) -> bullying=1, hate=0; PRFN (profanity without insult) ->
    profanity=1, bullying=hate=0. HOF rows with task 2 NONE (inconsistent) are dropped.
    train = 2019 train + 2020 train; test = 2019 gold test + 2020 test."""
    fine = {
        "NONE": dict(NOT_OFFENSIVE),
        "HATE": {"hate": 1},
        "OFFN": {"bullying": 1, "hate": 0},
        "PRFN": {"profanity": 1, "bullying": 0, "hate": 0},
    }
    d = root / "multi/hasoc2019_2020_de"
    files = [
        ("train", _csv(d / "hasoc2019_german_dataset.tsv", delimiter="\t", quoting=csv.QUOTE_NONE)),
        ("test", _csv(d / "hasoc2019_de_test_gold.tsv", delimiter="\t", quoting=csv.QUOTE_NONE)),
        ("train", _xlsx_rows(d / "hasoc_2020_de_train_new_a.xlsx")),
        ("test", _csv(d / "hasoc2020_german_test_1509.csv")),
    ]
    out = []
    for split, rows in files:
        for r in rows:
            coarse = (r.get("task_1") or r.get("task1") or "").strip()
            label = (r.get("task_2") or r.get("task2") or "").strip()
            if label not in fine or (coarse == "HOF" and label == "NONE"):
                continue
            rid = r.get("text_id") or r.get("ID") or r.get("tweet_id") or ""
            out.append(
                _row(
                    r["text"], "hasoc_de", fine[label], rid, "de", split, offensive=str(int(coarse == "HOF"))
                )
            )
    return out


def load_iwg(root: Path) -> list[Row]:
    """iwg_refugees_de (CC BY-SA 3.0): hate = 1 when both experts say YES, 0 when both say NO;
    disagreements dropped. 469 tweets, low reliability (the paper's point): evaluation only."""
    out = []
    for i, r in enumerate(_csv(root / "multi/iwg_refugees_de/german hatespeech refugees.csv")):
        a, b = r["HatespeechOrNot (Expert 1)"].strip(), r["HatespeechOrNot (Expert 2)"].strip()
        if a == b and a in ("YES", "NO"):
            out.append(_row(r["Tweet"], "iwg_refugees_de", {"hate": int(a == "YES")}, str(i), "de", "test"))
    return out


# ---------------------------------------------------------------- French
def load_mlma_fr(root: Path) -> list[Row]:
    """mlma_fr (MIT repo licence): every tweet was keyword-selected around an identity target
    (origin, gender, sexual orientation, religion, disability). sentiment exactly 'normal' ->
    bullying=hate=profanity=threat=0; any of hateful / abusive / offensive / disrespectful (and no
    'normal') -> hate=1 (hostility towards an identity group: the authors' own binary convention);
    'fearful' alone and mixes with 'normal' (annotators disagree) -> dropped. No official split."""
    hostile = {"hateful", "abusive", "offensive", "disrespectful"}
    out = []
    for r in _csv(root / "multi/mlma_fr/fr_dataset.csv"):
        parts = set(r["sentiment"].strip().split("_"))
        if parts == {"normal"}:
            labels, off = dict(NOT_OFFENSIVE), "0"
        elif parts & hostile and "normal" not in parts:
            labels, off = {"hate": 1}, "1"
        else:
            continue
        out.append(_row(r["tweet"], "mlma_fr", labels, r["HITId"], "fr", offensive=off))
    return out


# ---------------------------------------------------------------- Italian, Spanish (NC: evaluation only)
def load_haspeede(root: Path) -> list[Row]:
    """haspeede2018_it (CC BY-NC-SA 4.0, NON-COMMERCIAL: evaluation only): hate = hs (Facebook
    comments and tweets about immigrants, Roma, Muslims)."""
    out = []
    for part in ("FB", "TW"):
        for parts in _tsv_plain(root / f"multi/haspeede2018_it/haspeede_{part}-train.tsv"):
            if len(parts) >= 3 and parts[-1].strip() in ("0", "1"):
                out.append(
                    _row(
                        "\t".join(parts[1:-1]),
                        "haspeede2018_it",
                        {"hate": int(parts[-1])},
                        f"{part}{parts[0]}",
                        "it",
                        "test",
                    )
                )
    return out


def load_hateval_es(root: Path) -> list[Row]:
    """hateval2019_es (CC BY-NC 4.0 per the organisers, NON-COMMERCIAL: evaluation only):
    hate = HS (hate against women or immigrants). TR/AG only qualify hateful rows: not mapped."""
    out = []
    for name in ("train_es", "dev_es"):
        for r in _csv(root / f"multi/hateval2019_es/{name}.tsv", delimiter="\t", quoting=csv.QUOTE_NONE):
            out.append(_row(r["text"], "hateval2019_es", {"hate": int(r["HS"])}, r["id"], "es", "test"))
    return out


# ---------------------------------------------------------------- Portuguese (pt-BR)
def load_told_br(root: Path) -> list[Row]:
    """told_br_pt (CC BY-SA 4.0): each category counts how many of 3 annotators flagged it; a
    label is positive at >=2 flags, negative at 0, unknown at exactly 1. insult -> bullying;
    obscene -> profanity; homophobia / racism / misogyny / xenophobia -> hate (positive if any
    reaches 2, negative if all are 0). threat unknown. No official split."""
    out = []
    for i, r in enumerate(_csv(root / "multi/told_br_pt/ToLD-BR.csv")):
        v = {
            k: int(float(r[k] or 0))
            for k in ("homophobia", "obscene", "insult", "racism", "misogyny", "xenophobia")
        }
        hate_votes = max(v["homophobia"], v["racism"], v["misogyny"], v["xenophobia"])
        labels = {}
        for label, votes in (("bullying", v["insult"]), ("profanity", v["obscene"]), ("hate", hate_votes)):
            if votes >= 2 or votes == 0:
                labels[label] = int(votes >= 2)
        if labels:
            any_flag = max(v.values())
            off = "1" if any_flag >= 2 else "0" if any_flag == 0 else ""
            out.append(
                _row(r["text"], "told_br_pt", labels, str(i), "pt", **({"offensive": off} if off else {}))
            )
    return out


def load_hatebr(root: Path) -> list[Row]:
    """hatebr_pt (CC BY-NC 4.0, NON-COMMERCIAL: evaluation only): Instagram comments, offensive
    1/0 (majority of 3 experts) -> the OFF/NOT mapping (offensive=1 -> bullying=1; 0 -> the four
    offence labels 0)."""
    out = []
    for r in _csv(root / "multi/hatebr_pt/HateBR.csv"):
        labels, off = _offensive(r["label_final"].strip() == "1")
        out.append(_row(r["comentario"], "hatebr_pt", labels, r["id"], "pt", "test", offensive=off))
    return out


# ---------------------------------------------------------------- OffensEval 2020 da / el / tr
def load_offenseval_da(root: Path) -> list[Row]:
    """offenseval2020_da_dkhate (CC BY 4.0): OFF/NOT mapping (OFF -> bullying=1; NOT -> bullying=
    hate=profanity=threat=0). Official training / test files; the malformed row is skipped."""
    d = root / "multi/offenseval2020_da_dkhate"
    out = []
    for split, name in (("train", "training"), ("test", "test")):
        for parts in _tsv_plain(d / f"offenseval-da-{name}-v1.tsv")[1:]:
            if len(parts) == 3 and parts[2].strip() in ("OFF", "NOT"):
                labels, off = _offensive(parts[2].strip() == "OFF")
                out.append(_row(parts[1], "offenseval_da", labels, parts[0], "da", split, offensive=off))
    return out


def load_offenseval_el(root: Path) -> list[Row]:
    """offenseval2020_el_ogtd (licence none stated): OFF/NOT mapping. Training file only (the
    available test copy is corrupted): the pipeline makes a seeded 20% test split."""
    out = []
    for parts in _tsv_plain(root / "multi/offenseval2020_el_ogtd/offenseval-gr-training-v1.tsv")[1:]:
        if len(parts) == 3 and parts[2].strip() in ("OFF", "NOT"):
            labels, off = _offensive(parts[2].strip() == "OFF")
            out.append(_row(parts[1], "offenseval_el", labels, parts[0], "el", offensive=off))
    return out


def load_offenseval_tr(root: Path) -> list[Row]:
    """offenseval2020_tr (licence none stated): OFF/NOT mapping. Official training file and test
    set (labels joined from offenseval-tr-labela-v1.tsv by id)."""
    d = root / "multi/offenseval2020_tr"
    out = []
    for parts in _tsv_plain(d / "offenseval-tr-training-v1.tsv"):
        if len(parts) == 3 and parts[2].strip() in ("OFF", "NOT"):
            labels, off = _offensive(parts[2].strip() == "OFF")
            out.append(_row(parts[1], "offenseval_tr", labels, parts[0], "tr", "train", offensive=off))
    gold = dict(
        line.strip().split(",", 1)
        for line in (d / "offenseval-tr-labela-v1.tsv").read_text().splitlines()
        if "," in line
    )
    for parts in _tsv_plain(d / "offenseval-tr-testset-v1.tsv"):
        if len(parts) == 2 and gold.get(parts[0]) in ("OFF", "NOT"):
            labels, off = _offensive(gold[parts[0]] == "OFF")
            out.append(_row(parts[1], "offenseval_tr", labels, parts[0], "tr", "test", offensive=off))
    return out


# ---------------------------------------------------------------- Romanian
def load_ro_offense(root: Path) -> list[Row]:
    """ro_offense_ro (Apache-2.0): OTHER -> bullying=hate=profanity=threat=0; PROFANITY ->
    profanity=1, bullying=hate=0; INSULT (at a person, no identity) -> bullying=1, hate=0; ABUSE
    (threats, dehumanising, identity slurs; on this sports site nearly always aimed at a person or
    a club's fans) -> bullying=1 (hate, threat, profanity unknown). Official train / test files."""
    fine = {
        "OTHER": dict(NOT_OFFENSIVE),
        "PROFANITY": {"profanity": 1, "bullying": 0, "hate": 0},
        "INSULT": {"bullying": 1, "hate": 0},
        "ABUSE": {"bullying": 1},
    }
    out = []
    for split in ("train", "test"):
        for r in _csv(root / f"multi/ro_offense_ro/{split}.csv"):
            if r["label"] in fine:
                out.append(
                    _row(
                        r["text"],
                        "ro_offense",
                        fine[r["label"]],
                        r["id"],
                        "ro",
                        split,
                        offensive=str(int(r["label"] != "OTHER")),
                    )
                )
    return out


# ---------------------------------------------------------------- Polish (research-only: evaluation only)
BAN_PL_PASSWORD = b"BAN-PL_2"  # published by the authors in data/README.md of github.com/ZILiAT-NASK/BAN-PL


def load_ban_pl(root: Path) -> list[Row]:
    """ban_pl_pl (CC BY 4.0, but the authors ask for research and study use only, "not in
    operational applications unless accompanied by thorough filtering and oversight": we treat it
    as EVALUATION ONLY). BAN-PL_2.zip is opened in memory with the password the authors publish
    (nothing is extracted to disk). Class 1 (removed by Wykop moderators: hatred, violence, personal
    attacks) -> the OFF/NOT mapping with OFF; Class 0 (not removed) -> NOT. HATE-WAR-PL (an
    encrypted Office file inside) is not read."""
    out = []
    with zipfile.ZipFile(root / "multi/ban_pl_pl/BAN-PL_2.zip") as z:
        data = z.read("BAN-PL.csv", pwd=BAN_PL_PASSWORD).decode("utf-8", errors="replace")
    for r in csv.DictReader(io.StringIO(data)):
        labels, off = _offensive(r["Class"].strip() == "1")
        out.append(_row(r["Text"], "ban_pl", labels, r["id"], "pl", "test", offensive=off))
    return out


# ---------------------------------------------------------------- registry
@dataclass(frozen=True)
class MultiSet:
    """One staged set: loader, language, licence as stated, and whether it may train shipped heads."""

    name: str
    folder: str
    lang: str
    licence: str
    shipped: bool
    loader: Callable[[Path], list[Row]]
    note: str = ""


SETS: tuple[MultiSet, ...] = (
    MultiSet("gahd_de", "gahd_de", "de", "CC BY 4.0", True, load_gahd),
    MultiSet("germeval2018_de", "germeval2018_de", "de", "CC BY 4.0", True, load_germeval2018),
    MultiSet("hasoc_de", "hasoc2019_2020_de", "de", "none stated (flagged)", True, load_hasoc),
    MultiSet(
        "iwg_refugees_de",
        "iwg_refugees_de",
        "de",
        "CC BY-SA 3.0",
        False,
        load_iwg,
        "evaluation only: 469 tweets, low annotator agreement (its README: not for training)",
    ),
    MultiSet("mlma_fr", "mlma_fr", "fr", "MIT (repo licence)", True, load_mlma_fr),
    MultiSet(
        "haspeede2018_it",
        "haspeede2018_it",
        "it",
        "CC BY-NC-SA 4.0 (NC)",
        False,
        load_haspeede,
        "evaluation only: non-commercial",
    ),
    MultiSet(
        "hateval2019_es",
        "hateval2019_es",
        "es",
        "CC BY-NC 4.0 (NC)",
        False,
        load_hateval_es,
        "evaluation only: non-commercial",
    ),
    MultiSet("told_br_pt", "told_br_pt", "pt", "CC BY-SA 4.0", True, load_told_br),
    MultiSet(
        "hatebr_pt",
        "hatebr_pt",
        "pt",
        "CC BY-NC 4.0 (NC)",
        False,
        load_hatebr,
        "evaluation only: non-commercial",
    ),
    MultiSet("offenseval_da", "offenseval2020_da_dkhate", "da", "CC BY 4.0", True, load_offenseval_da),
    MultiSet(
        "offenseval_el", "offenseval2020_el_ogtd", "el", "none stated (flagged)", True, load_offenseval_el
    ),
    MultiSet("offenseval_tr", "offenseval2020_tr", "tr", "none stated (flagged)", True, load_offenseval_tr),
    MultiSet("ro_offense", "ro_offense_ro", "ro", "Apache-2.0", True, load_ro_offense),
    MultiSet(
        "ban_pl",
        "ban_pl_pl",
        "pl",
        "CC BY 4.0; authors: research and study only",
        False,
        load_ban_pl,
        "evaluation only: the authors ask that it not be used in operational applications",
    ),
)
SETS_BY_NAME = {s.name: s for s in SETS}
