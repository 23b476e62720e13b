"""Threats written in emoji: a weapon aimed at the reader, at a day to come or at a school.

"du 🔪🩸", "tmrw 👊🩸 u", "🔫🏫 montag", "ваш 11-А 💣💣💣 в понеділок": children write threats with
weapon and blood emoji, in every language, and a model fitted on tweets reads little in them. A
message fires ``threat.emoji`` (label threat, spanning the first weapon) when, in any of the nine
children's chat languages:

- a knife, axe, dagger, coffin or blood (🔪 🪓 🗡 ⚰ 🩸) is aimed at the reader ("u", "du", "toi",
  "ty", "ти", a pointing 🫵), or at a day or time to come ("tomorrow", "montag", "jutro") or a
  school or class (🏫, "8c", "sala 12", "після уроків");
- a gun (🔫) is aimed at a day or a school, a bomb (💣) at a school: with "you" alone a gun is as
  often a joke ("or else 🔫"), and a bomb with a day is praise ("ton dessin il est 💣", "sexta 💣");
- a fist (👊) comes with blood or an ambulance (🩸 🚑 🤕): otherwise it is a fist bump ("see you
  in class 👊").

It does not fire where the weapon is a kitchen knife, a toy or a costume: a message with food,
pumpkin, ghost, target, water or paint emoji, or that speaks of cooking, food, a party, Halloween,
a film, water pistols, laser tag, paintball or a game (``_PLAY``). A child telling of such a
message, or quoting it, does not fire it (:func:`safechat.detect.reported.unless_reported`,
:func:`safechat.detect.harm_languages.unless_told_of`). Written without a native speaker's
review; tests/unit/test_emoji_threats.py holds the cases.
"""

from __future__ import annotations

import re

from safechat.detect.base import RuleHit
from safechat.detect.harm_languages import unless_told_of
from safechat.detect.reported import unless_reported
from safechat.types import Label, Span

EMOJI_THREAT_RULE = "threat.emoji"

_BLADES = "🔪🪓🗡⚰🩸"
_GUN = "🔫"
_BOMB = "💣"
_FIST = "👊"
_HURT = "🩸🚑🤕"
_WEAPON = re.compile(f"[{_BLADES}{_GUN}{_BOMB}{_FIST}]")

_READER = re.compile(
    r"🫵|(?<!\w)(?:you|u|ur|ya|your|yours|du|dich|dir|dein|deine|deinen|euch|tu|toi|te|ton|ta|tes|ti|tú"
    r"|tuo|tua|tus|ty|ci|cię|cie|ciebie|tobie|twój|twoj|twoja|jij|je|jou|jouw|jullie|você|voce|vc|teu|vos"
    r"|ти|тебе|тобі|твій|твоя|ваш|вас)(?!\w)",
    re.IGNORECASE,
)
_WHEN = re.compile(
    r"(?<!\w)(?:tomorrow|tmrw|tmr|tonight|soon|next week|monday|tuesday|wednesday|thursday|friday|after school"
    r"|morgen|heute abend|montag|dienstag|mittwoch|donnerstag|freitag|nach der schule"
    r"|demain|ce soir|lundi|mardi|mercredi|jeudi|vendredi|à la sortie|a la sortie|après les cours"
    r"|mañana|manana|esta noche|lunes|martes|miércoles|miercoles|jueves|viernes|a la salida"
    r"|domani|stasera|lunedì|lunedi|martedì|martedi|mercoledì|giovedì|giovedi|venerdì|venerdi|dopo scuola"
    r"|jutro|dziś|dzis|wieczorem|poniedziałek|poniedzialek|wtorek|środa|sroda|czwartek|piątek|piatek"
    r"|po szkole|po lekcjach|vanavond|maandag|dinsdag|woensdag|donderdag|vrijdag|na school"
    r"|amanhã|amanha|hoje à noite|segunda|terça|terca|quarta|quinta|sexta|à saída|a saida|depois da aula"
    r"|завтра|сьогодні|ввечері|понеділок|вівторок|середа|четвер|п'ятниця|пʼятниця|після уроків|після школи)(?!\w)",
    re.IGNORECASE,
)
_SCHOOL = re.compile(
    r"🏫|(?<!\w)(?:after school|nach der schule|po szkole|po lekcjach|na school|після уроків|після школи"
    r"|school|class|schule|klasse|école|ecole|classe|collège|college|escuela|insti|clase|scuola"
    r"|szkoła|szkola|szkole|klasa|klas|escola|turma|школа|школі|школу|клас|класі"
    r"|\d{1,2}-?[a-zа-яі]|sala \d+|room \d+|aula \d+|[a-z]\d{3})(?!\w)",
    re.IGNORECASE,
)
_PLAY = re.compile(
    r"[\U0001F345-\U0001F37F\U0001F950-\U0001F96F\U0001F9C0-\U0001F9CB🎃👻🎯💦🎨🎣🎮🕹🧅🧄]"
    r"|(?<!\w)(?:cook\w*|cut\w*|chop\w*|slic\w*|kitchen|food|onions?|cake|bake|baking|dinner|lunch|bbq|barbecue"
    r"|party|halloween|costume|movie|film|scary|murder mystery|water|laser|paint ?ball|nerf|fortnite|minecraft"
    r"|roblox|valorant|game|round|match|level|skin|case"
    r"|kochen|küche|kuchen|essen|party|wasser|spiel|cuisine|gâteau|gateau|fête|fete|eau|jeu|partie"
    r"|cocina|cocinar|tarta|fiesta|agua|juego|partida|cucina|torta|festa|acqua|gioco|partita|grigliata"
    r"|gotuj\w*|ciasto|impreza|woda|gra|gry|koken|taart|feest|water|spel|potje|cozinh\w*|bolo|festa|água|agua|jogo"
    r"|готу\w*|торт|вечірк\w*|вода|водян\w*|гра|грі|кейс)(?!\w)",
    re.IGNORECASE,
)


def find_emoji_threats(text: str) -> list[RuleHit]:
    """``threat.emoji`` on ``text`` (the normalised model text): at most one hit, on the first
    weapon, when the message aims it (see the module) and is not play or food."""
    weapon = _WEAPON.search(text)
    if weapon is None or _PLAY.search(text):
        return []
    school = _SCHOOL.search(text) is not None
    when = school or _WHEN.search(text) is not None
    blade = any(char in _BLADES for char in text)
    aimed = (
        (blade and (when or _READER.search(text) is not None))
        or (when and _GUN in text)
        or (school and _BOMB in text)
        or (_FIST in text and any(char in _HURT for char in text))
    )
    if not aimed:
        return []
    hits = [RuleHit(EMOJI_THREAT_RULE, Label.THREAT, Span(weapon.start(), weapon.end()))]
    return unless_told_of(text, unless_reported(text, hits))
