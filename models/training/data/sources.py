"""Data-set loaders and the explicit label mapping for the safechat classifier.

Every loader returns a list of :class:`Row` (text, source, labels, group). ``labels`` holds
ONLY the labels that the data set speaks for; a label that is absent is *unknown* and is
masked out of the loss and out of evaluation (a set that says nothing about a label is not a
negative for it). ``group`` is the unit that must never be split across train and evaluation
(an offender for grooming, a hand-written template for the synthetic sets, else the row).

Text is returned RAW; normalisation (``safechat.normalize``) happens in one place,
:func:`model_text`, so the training text is exactly the runtime model text.

The mapping per data set is documented in each loader's docstring and in MODEL_CARD.md.
"""

from __future__ import annotations

import ast
import csv
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from models.training.common.rows import Row, model_text

csv.field_size_limit(sys.maxsize)


# ---------------------------------------------------------------- helpers
def _csv(path: Path, **kw: Any) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        return list(csv.DictReader(fh, **kw))


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


ALL_BENIGN = {  # a non-toxic chat line: negative for every content label except pii
    "bullying": 0,
    "hate": 0,
    "threat": 0,
    "profanity": 0,
    "sexual": 0,
    "grooming": 0,
    "self_harm": 0,
}


# ---------------------------------------------------------------- hate/
def load_davidson(root: Path) -> list[Row]:
    """davidson_hsol. class 0 hate -> hate=1; class 1 offensive -> hate=0 (offensive is a mix
    of profanity and insults, so bullying/profanity stay unknown); class 2 neither ->
    hate=bullying=threat=profanity=0."""
    out = []
    for r in _csv(root / "hate/davidson_hsol/labeled_data.csv"):
        c = r["class"]
        labels = {"0": {"hate": 1}, "1": {"hate": 0}}.get(
            c, {"hate": 0, "bullying": 0, "threat": 0, "profanity": 0}
        )
        out.append(Row(_clean(r["tweet"]), "davidson_hsol", dict(labels), "davidson:" + r[""]))
    return out


def load_olid(root: Path) -> list[Row]:
    """olid training set. NOT -> bullying=hate=threat=profanity=0; OFF+UNT (untargeted) ->
    profanity=1, bullying=hate=threat=0; OFF+TIN+IND (insult/threat at a person) -> bullying=1;
    OFF+TIN+GRP/OTH -> dropped (could be hate or political; not mapped)."""
    out = []
    for r in _csv(root / "hate/olid/olid-training-v1.0.tsv", delimiter="\t", quoting=csv.QUOTE_NONE):
        a, b, c = r["subtask_a"], r["subtask_b"], r["subtask_c"]
        if a == "NOT":
            labels = {"bullying": 0, "hate": 0, "threat": 0, "profanity": 0}
        elif b == "UNT":
            labels = {"profanity": 1, "bullying": 0, "hate": 0, "threat": 0}
        elif b == "TIN" and c == "IND":
            labels = {"bullying": 1}
        else:
            continue
        out.append(Row(_clean(r["tweet"]), "olid", labels, "olid:" + r["id"]))
    return out


def load_tweeteval_hate(root: Path) -> list[Row]:
    """tweeteval_hate (= HatEval 2019 en; clean copy) train+val: hate = label."""
    out = []
    d = root / "hate/tweeteval_hate"
    for split in ("train", "val"):
        texts = (d / f"{split}_text.txt").read_text(encoding="utf-8").splitlines()
        labs = (d / f"{split}_labels.txt").read_text(encoding="utf-8").splitlines()
        # strict=False as before: two files of one split, paired line by line; their lengths are not
        # checked here (a shorter file would drop the tail of the other).
        for i, (t, y) in enumerate(zip(texts, labs, strict=False)):
            out.append(Row(_clean(t), "tweeteval_hate", {"hate": int(y)}, f"teh:{split}:{i}"))
    return out


def load_hatemoji(root: Path) -> list[Row]:
    """hatemoji_build train+validation+test. hate = label_gold; threat = 1 when
    type == threateninglanguage, else 0. Matched perturbation pairs share a group."""
    out = []
    for split in ("train", "validation", "test"):
        for r in _csv(root / f"hate/hatemoji_build/HatemojiBuild_{split}.csv"):
            y = int(r["label_gold"])
            threat = int(y == 1 and r["type"] == "threateninglanguage")
            a, b = sorted([r["entry_id"], r["matched_id"]])
            out.append(Row(_clean(r["text"]), "hatemoji_build", {"hate": y, "threat": threat}, f"hm:{a}-{b}"))
    return out


def load_hatexplain(root: Path) -> list[Row]:
    """hatexplain_resplit_LFR (all three files). hatespeech -> hate=1; offensive -> hate=0;
    normal -> hate=bullying=threat=profanity=0."""
    out = []
    for split in ("train", "valid", "test"):
        for i, r in enumerate(_csv(root / f"hate/hatexplain_resplit_LFR/{split}.tsv", delimiter="\t")):
            lab = r["label"]
            if lab == "hatespeech":
                labels = {"hate": 1}
            elif lab == "offensive":
                labels = {"hate": 0}
            elif lab == "normal":
                labels = {"hate": 0, "bullying": 0, "threat": 0, "profanity": 0}
            else:
                continue
            out.append(Row(_clean(r["text"]), "hatexplain", labels, f"hx:{split}:{i}"))
    return out


_CA_HATE = ("ableist", "homophobic", "racist", "sexist", "transphobic")


def load_convabuse(root: Path) -> list[Row]:
    """convabuse train+valid, the user turn. Majority of annotators: not abusive (is_abuse.1)
    -> bullying=hate=threat=sexual=0; abusive (-1..-3) with a majority ticking sex_harassment ->
    sexual=1; with a majority ticking an identity type (ableist/homophobic/racist/sexist/
    transphobic) -> hate=1; other abuse (insults at the bot) -> bullying=1, hate=0, sexual=0.
    Ambiguous or split votes are dropped. NB the target is a chat bot, not a person."""
    out = []
    for split in ("train", "valid"):
        for r in _csv(root / f"hate/convabuse/ConvAbuseEMNLP{split}.csv"):
            ann = sorted({k.split("_")[0] for k in r if k.startswith("Annotator")})
            votes_not = votes_abuse = n = 0
            types = dict.fromkeys(("sex_harassment",) + _CA_HATE, 0)
            for a in ann:
                sev = [s for s in ("1", "0", "-1", "-2", "-3") if r.get(f"{a}_is_abuse.{s}") == "1"]
                if not sev:
                    continue
                n += 1
                if sev[0] == "1":
                    votes_not += 1
                elif sev[0] != "0":
                    votes_abuse += 1
                    for t in types:
                        types[t] += r.get(f"{a}_{t}") == "1"
            if n == 0:
                continue
            if votes_not * 2 > n:
                labels = {"bullying": 0, "hate": 0, "threat": 0, "sexual": 0}
            elif votes_abuse * 2 > n:
                sexual = types["sex_harassment"] * 2 > votes_abuse
                hate = any(types[t] * 2 > votes_abuse for t in _CA_HATE)
                if sexual or hate:
                    labels = {"sexual": int(sexual), "hate": int(hate)}
                else:
                    labels = {"bullying": 1, "hate": 0, "sexual": 0}
            else:
                continue
            out.append(Row(_clean(r["user"]), "convabuse", labels, f"ca:{r['conv_id']}"))
    return out


# ---------------------------------------------------------------- bullying/
def load_gametox(root: Path) -> list[Row]:
    """gametox. 0 non-toxic -> all content labels 0 (bullying, hate, threat, profanity, sexual,
    grooming, self_harm; pii unknown); 1 insults/flaming -> bullying=1, threat=0, grooming=0;
    2 other offensive (mostly untargeted swearing) -> profanity=1, bullying=hate=threat=0;
    3 hate/harassment -> hate=1; 4 threats -> threat=1; 5 extremism -> dropped."""
    out = []
    for i, r in enumerate(_csv(root / "bullying/gametox_naseem2025/gametox.csv")):
        lab = r["label"]
        labels = {
            "0.0": ALL_BENIGN,
            "1.0": {"bullying": 1, "threat": 0, "grooming": 0},
            "2.0": {"profanity": 1, "bullying": 0, "hate": 0, "threat": 0},
            "3.0": {"hate": 1},
            "4.0": {"threat": 1},
        }.get(lab)
        if labels is None or not r["message"].strip():
            continue
        out.append(Row(_clean(r["message"]), "gametox", dict(labels), f"gt:{i}"))
    return out


def load_conda(root: Path) -> list[Row]:
    """conda_dota2 train. intent O/A (non-toxic) with NO toxic slot token -> all content labels 0;
    E (explicit toxicity, almost always aimed at players) -> bullying=1, grooming=0;
    I (implicit: trash talk such as 'ez') and O/A lines with toxic slot tokens -> dropped
    (too noisy). '[SEPA]' (merged lines) becomes a space. Group = match."""
    out = []
    for r in _csv(root / "bullying/conda_dota2_weld2021/CONDA_train.csv"):
        text = _clean(r["utterance"].replace("[SEPA]", " "))
        if not text:
            continue
        intent, slots = r["intentClass"], r["slotClasses"].split()
        if intent in ("O", "A") and "T" not in slots:
            labels = dict(ALL_BENIGN)
        elif intent == "E":
            labels = {"bullying": 1, "grooming": 0}
        else:
            continue
        out.append(Row(text, "conda", labels, f"conda:{r['matchId']}"))
    return out


def load_cyberbullying_tweets(root: Path) -> list[Row]:
    """cyberbullying_tweets_wang2020 (noisy). age / other_cyberbullying -> bullying=1;
    ethnicity / gender / religion -> hate=1; not_cyberbullying -> bullying=0, hate=0."""
    out = []
    m = {
        "age": {"bullying": 1},
        "other_cyberbullying": {"bullying": 1},
        "ethnicity": {"hate": 1},
        "gender": {"hate": 1},
        "religion": {"hate": 1},
        "not_cyberbullying": {"bullying": 0, "hate": 0},
    }
    for i, r in enumerate(_csv(root / "bullying/cyberbullying_tweets_wang2020/cyberbullying_tweets.csv")):
        labels = m.get(r["cyberbullying_type"])
        if labels:
            out.append(Row(_clean(r["tweet_text"]), "cyberbullying_tweets", dict(labels), f"cb:{i}"))
    return out


def load_askfm(root: Path) -> list[Row]:
    """askfm_jahan2022. bullying = label (negatives are keyword-prefiltered, profane)."""
    out = []
    for i, r in enumerate(_csv(root / "bullying/askfm_jahan2022/AskFm_datasets.csv")):
        if r["label"] in ("0", "1") and r["posts"].strip():
            out.append(Row(_clean(r["posts"]), "askfm", {"bullying": int(r["label"])}, f"askfm:{i}"))
    return out


# ---------------------------------------------------------------- grooming/
def _grooming_detector() -> Callable[[str], bool]:
    from safechat.detect.grooming import find_grooming_signals

    return lambda text: bool(find_grooming_signals(model_text(text)))


def load_pj_offender(root: Path, *, per_offender: int = 80, seed: int = 0) -> list[Row]:
    """grooming/pj_koutli2023 offender lines: WEAK positives. A line is grooming=1 when the
    runtime's transparent rules (safechat.detect.grooming.find_grooming_signals, on the
    normalised text) fire on it; offender lines where no rule fires are NOT used (unknown, not
    negative). Up to ``per_offender`` signal lines per offender. Group = offender."""
    fires = _grooming_detector()
    rng = random.Random(seed)
    out = []
    for f in sorted((root / "grooming/pj_koutli2023/raw/predators").glob("*.txt")):
        who = f.stem.removeprefix("predator_")
        lines = [_clean(x) for x in f.read_text(encoding="utf-8", errors="replace").splitlines()]
        hits = [x for x in dict.fromkeys(lines) if len(x) >= 3 and fires(x)]
        rng.shuffle(hits)
        out += [Row(x, "pj_offender", {"grooming": 1}, f"pj:{who}") for x in hits[:per_offender]]
    return out


def load_pj_decoy(root: Path, *, per_offender: int = 40, seed: int = 0) -> list[Row]:
    """grooming/pj_koutli2023 decoy lines (adults posing as 12-15 year olds): grooming=0.
    Group = the offender the decoy talked to (same group as that offender's lines)."""
    rng = random.Random(seed)
    out = []
    for f in sorted((root / "grooming/pj_koutli2023/raw/officers").glob("*.txt")):
        who = f.stem.removeprefix("officer_")
        lines = [_clean(x) for x in f.read_text(encoding="utf-8", errors="replace").splitlines()]
        lines = [x for x in dict.fromkeys(lines) if len(x) >= 3]
        rng.shuffle(lines)
        out += [Row(x, "pj_decoy", {"grooming": 0}, f"pj:{who}") for x in lines[:per_offender]]
    return out


# ---------------------------------------------------------------- extra/
def load_exist(root: Path) -> list[Row]:
    """exist2021_sexism, English rows of train+test. task2 sexual-violence / objectification ->
    sexual=1; every other class (non-sexist and sexist-but-not-sexual) -> sexual=0."""
    out = []
    for split in ("training", "test"):
        for r in _csv(
            root / f"extra/exist2021_sexism/EXIST2021_{split}.tsv", delimiter="\t", quoting=csv.QUOTE_NONE
        ):
            if r["language"] != "en":
                continue
            y = int(r["task2"] in ("sexual-violence", "objectification"))
            out.append(Row(_clean(r["text"]), "exist2021", {"sexual": y}, f"exist:{split}:{r['id']}"))
    return out


def load_safecity(root: Path) -> list[Row]:
    """safecity_karlekar2018 multilabel train+dev+test: victims' DISCLOSURES of harassment ->
    hard negatives, sexual=0 (a report of harm is not sexual content aimed at someone)."""
    out = []
    for split in ("train", "dev", "test"):
        for i, r in enumerate(
            _csv(root / f"extra/safecity_karlekar2018/multilabel_classification/{split}.csv")
        ):
            t = _clean(r["Description"])
            if t:
                out.append(Row(t, "safecity", {"sexual": 0}, f"sc:{split}:{i}"))
    return out


def load_suicidal_tweets(root: Path) -> list[Row]:
    """suicidal_tweet_detection_kaggle: self_harm = 1 for 'Potential Suicide post'."""
    out = []
    for i, r in enumerate(
        _csv(root / "extra/suicidal_tweet_detection_kaggle/Suicide_Ideation_Dataset_Twitter-based.csv")
    ):
        t = _clean(r["Tweet"])
        if t:
            y = int(r["Suicide"].strip().startswith("Potential"))
            out.append(Row(t, "suicidal_tweets", {"self_harm": y}, f"st:{i}"))
    return out


def load_kaggle_suicide(root: Path) -> list[Row]:
    """kaggle_suicide_detection_sample: self_harm = 1 for r/SuicideWatch, 0 for r/teenagers
    (subreddit-as-label, weak)."""
    out = []
    for r in _csv(root / "extra/kaggle_suicide_detection_sample/Suicide_Detection_sample.csv"):
        t = _clean(r["text"])
        if t:
            out.append(Row(t, "kaggle_suicide", {"self_harm": int(r["class"] == "suicide")}, f"ks:{r['']}"))
    return out


def load_sdcnl(root: Path) -> list[Row]:
    """sdcnl_reddit_haque2021 train+test: self_harm = is_suicide (r/SuicideWatch=1 vs
    r/depression=0; weak, both sides are distress). Title + body; author dropped."""
    out = []
    for split in ("training", "testing"):
        for i, r in enumerate(_csv(root / f"extra/sdcnl_reddit_haque2021/{split}-set.csv")):
            t = _clean(f"{r.get('title', '')}. {r.get('selftext', '')}")
            if len(t) > 2:
                out.append(Row(t, "sdcnl", {"self_harm": int(float(r["is_suicide"]))}, f"sd:{split}:{i}"))
    return out


def load_cssrs(root: Path) -> list[Row]:
    """cssrs_reddit500_gaur2019: user-level expert label applied to the user's first post
    (weak): Ideation/Behavior/Attempt -> self_harm=1; Supportive -> self_harm=0; Indicator
    dropped."""
    out = []
    for r in _csv(root / "extra/cssrs_reddit500_gaur2019/500_Reddit_users_posts_labels.csv"):
        y = {"Ideation": 1, "Behavior": 1, "Attempt": 1, "Supportive": 0}.get(r["Label"])
        if y is None:
            continue
        try:
            posts = ast.literal_eval(r["Post"])
        except (ValueError, SyntaxError):  # some cells are cut short: take the first post
            posts = [re.split(r"""['"], ['"]""", r["Post"].lstrip("['\""))[0]]
        for p in posts[:1]:
            t = _clean(p)
            if t:
                out.append(Row(t, "cssrs", {"self_harm": y}, f"cssrs:{r['User']}"))
    return out


# ---------------------------------------------------------------- hand-written
def load_handwritten(root: Path) -> list[Row]:
    """Hand-written templates (models/training/data/handwritten.py): pii positives/negatives and a
    few self_harm, sexual and threat examples. Group = template id."""
    from models.training.data.handwritten import generate

    return generate(seed=0)


# Sources whose rows become pii=0 / grooming=0 where safechat's own rules find nothing
# (short chat, tweets, Q&A posts: written by or for teens/adults, not by groomers). A row where
# a rule fires stays UNKNOWN for that label, never negative.
RULE_NEGATIVE_SOURCES = frozenset(
    {
        "gametox",
        "conda",
        "askfm",
        "convabuse",
        "olid",
        "hatexplain",
        "davidson_hsol",
        "tweeteval_hate",
        "cyberbullying_tweets",
        "hatemoji_build",
        "exist2021",
        "suicidal_tweets",
    }
)


def add_rule_negatives(rows: list[Row]) -> list[Row]:
    """pii=0 where neither safechat.detect.pii nor the grooming rules fire, grooming=0 where the
    grooming rules do not fire, for rows of RULE_NEGATIVE_SOURCES (text = model text)."""
    from safechat.detect.grooming import find_grooming_signals
    from safechat.detect.pii import find_pii

    out = []
    for r in rows:
        if r.source in RULE_NEGATIVE_SOURCES and ("pii" not in r.labels or "grooming" not in r.labels):
            labels = dict(r.labels)
            groom = bool(find_grooming_signals(r.text))
            if "grooming" not in labels and not groom:
                labels["grooming"] = 0
            if "pii" not in labels and not groom and not find_pii(r.text):
                labels["pii"] = 0
            r = Row(r.text, r.source, labels, r.group, r.meta)
        out.append(r)
    return out


LOADERS: dict[str, Callable[[Path], list[Row]]] = {
    "davidson_hsol": load_davidson,
    "olid": load_olid,
    "tweeteval_hate": load_tweeteval_hate,
    "hatemoji_build": load_hatemoji,
    "hatexplain": load_hatexplain,
    "convabuse": load_convabuse,
    "gametox": load_gametox,
    "conda": load_conda,
    "cyberbullying_tweets": load_cyberbullying_tweets,
    "askfm": load_askfm,
    "pj_offender": load_pj_offender,
    "pj_decoy": load_pj_decoy,
    "exist2021": load_exist,
    "safecity": load_safecity,
    "suicidal_tweets": load_suicidal_tweets,
    "kaggle_suicide": load_kaggle_suicide,
    "sdcnl": load_sdcnl,
    "cssrs": load_cssrs,
    "handwritten": load_handwritten,
}

# Data-set folder and licence (as stated in the data README) for the model card.
PROVENANCE: dict[str, tuple[str, str]] = {
    "davidson_hsol": ("hate/davidson_hsol", "MIT"),
    "olid": ("hate/olid", "CC BY 4.0 (hosting repo); OLID itself states none"),
    "tweeteval_hate": ("hate/tweeteval_hate", "none stated (research use)"),
    "hatemoji_build": ("hate/hatemoji_build", "CC BY 4.0"),
    "hatexplain": ("hate/hatexplain_resplit_LFR", "MIT (original HateXplain)"),
    "convabuse": ("hate/convabuse", "CC BY 4.0"),
    "gametox": ("bullying/gametox_naseem2025", "none stated"),
    "conda": ("bullying/conda_dota2_weld2021", "none stated"),
    "cyberbullying_tweets": ("bullying/cyberbullying_tweets_wang2020", "none stated; noisy"),
    "askfm": ("bullying/askfm_jahan2022", "none stated"),
    "pj_offender": ("grooming/pj_koutli2023 (offender files)", "none stated; research only"),
    "pj_decoy": ("grooming/pj_koutli2023 (decoy files)", "none stated; research only"),
    "exist2021": ("extra/exist2021_sexism", "research only"),
    "safecity": ("extra/safecity_karlekar2018", "research only"),
    "suicidal_tweets": ("extra/suicidal_tweet_detection_kaggle", "none stated"),
    "kaggle_suicide": ("extra/kaggle_suicide_detection_sample", "none stated"),
    "sdcnl": ("extra/sdcnl_reddit_haque2021", "none stated"),
    "cssrs": ("extra/cssrs_reddit500_gaur2019", "not stated"),
    "handwritten": ("models/training/data/handwritten.py", "written for this project"),
}
