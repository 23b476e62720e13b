"""Grooming signals in the other children's chat languages, by stage (see
:mod:`safechat.detect.grooming`, which runs them with the English ones)."""

from __future__ import annotations

from safechat.detect.grooming_stages import GroomingStage

_S = GroomingStage

# The same stages in French, German, Spanish, Italian, Portuguese (PT and BR), Dutch, Polish and
# Ukrainian (with the Russian "ты" forms that Ukrainian children's chat mixes in), one regex per
# language per stage, written as adults who target children write in game chats and DMs and as
# children's apps spell (accents dropped, "q", "xq", "k", "tb", "ktos", "nn", "pq", "vc").
# WRITTEN WITHOUT A NATIVE SPEAKER'S REVIEW: checked only against the `dev` split of
# devsets/childchat-multi and the English set's benign lines. Friends arranging things must not
# fire ("on se voit demain a l'ecole", "quedamos en el parque a las 5?", "mi mandi la foto dei
# compiti?", "wyslij mi zdjecie zadania"): meetings need a sign of secrecy, a pick-up or "in
# person"; image requests fire only for a picture of the reader or of no named thing.
# The names of apps and of in-game currencies are shared.
_APPS_ANY = (
    r"(?:snap|snapchat|sc|insta|instagram|ig|whats|whatsapp|wpp|zap|telegram|tg|tele|discord|dc|kik|"
    r"signal|skype|facetime|tiktok|messenger|viber|"
    r"снап\w*|інст\w*|инст\w*|ватсап\w*|вотсап\w*|телег\w*|тг|дискорд\w*|діскорд\w*|вайбер\w*)"
)
_CURRENCY_ANY = (
    r"(?:robux|robuxy|robuxow|robuxa|v-?bucks|vbucks|v-?bucksy|v-?dolc\w*|pavos|nitro|minecoins|"
    r"battle ?pass|gift ?cards?|skins?|skina|skiny|скін\w*|скин\w*|робукс\w*|вбакс\w*|в-бакс\w*|гем\w*)"
)

OTHER_LANGUAGES: tuple[tuple[GroomingStage, str], ...] = (
    # ---- fr ----
    (
        _S.RAPPORT,
        r"\bmature pour ton [aâ]ge\b|\b(?:t['’]?es|tu es) (?:(?:tellement|trop|vraiment|si|super) )*(?:sp[eé]ciale?|diff[eé]rente? des autres|pas comme les autres)\b"
        r"|\bjamais (?:rencontr[eé]|connu) (?:quelqu['’]?un|qqn) comme toi\b|\btu peux (?:me faire confiance|avoir confiance en moi)\b"
        r"|\bje te comprends? mieux que\b|\bplus (?:mature|intelligente?|grande) que (?:les autres|les filles|les gar[cç]ons) (?:de ton [aâ]ge|de ta classe)\b"
        r"|\b(?:t['’]?es|tu es) (?:(?:tellement|trop|vraiment|si|super) )*(?:belle|jolie|mignonne|magnifique|canon)\b",
    ),
    (
        _S.PROBING,
        r"\b(?:t['’]?as|tu as|ta|t) (?:quel|kel|quelle) [aâ]ge\b|\bquel [aâ]ge (?:as[- ]tu|t['’]?as|tu as|ta)\b"
        r"|\b(?:t['’]?es|tu es|t) en (?:quelle|kelle|quel) classe\b|\b(?:t['’]?es|tu es) n[eé]e? en quelle ann[eé]e\b"
        r"|\b(?:tu habites?|t['’]?habites?|tu vis) (?:o[uù]|dans quelle (?:ville|r[eé]gion))\b|\bo[uù] (?:est-ce que )?(?:tu habites?|t['’]?habites?|tu vis)\b"
        r"|\b(?:tu vas|t['’]?es|tu es) (?:dans|[aà]|au) (?:quel|quelle|kel) (?:coll[eè]ge|[eé]cole|lyc[eé]e)\b"
        r"|\b(?:c['’]?est quoi|c quoi|quel est) (?:le nom de )?(?:ton|ta) (?:coll[eè]ge|[eé]cole|lyc[eé]e|adresse)\b",
    ),
    (
        _S.SECRECY,
        r"\b(?:dis|dit|di|raconte|parle|montre)(?:[- ]?(?:le|la|les|lui))? (?:rien|pas|jamais|surtout pas|ri1)\b[^.!?]{0,20}?(?:[aà]|a) (?:tes|ta|ton) (?:parents|darons|vieux|m[eè]re|maman|daronne|p[eè]re|papa|daron|famille)\b"
        r"|\b(?:ne )?(?:le |l['’])?(?:dis|dit|di|raconte|parle)s?(?:[- ]?(?:le|la|[cç]a))? (?:[cç]a |rien |de nous |sur nous )?(?:[aà]) personne\b"
        r"|\bnotre (?:petit )?secret\b|\bun (?:petit )?secret entre (?:nous|toi et moi)\b"
        r"|\b(?:[cç]a|tout [cç]a|c['’]?est|que [cç]a|garde [cç]a) (?:reste |restera |doit rester )?(?:juste )?entre (?:nous|toi et moi)\b"
        r"|\b(?:efface|supprime)s? (?:la|cette|notre|nos|les|tous les|tt les) (?:conv|conversation|discussion|discu|messages|msgs|chat)\b"
        r"|\b(?:tes parents|ta m[eè]re|ton p[eè]re|tes darons|personne)(?: n['’]?| ne)? (?:ont|a|doivent|doit) (?:pas |rien )?(?:besoin de |[aà] )?(?:le |l['’]|en )?savoir\b"
        r"|\bsi (?:quelqu['’]?un|qqn|tes parents|ta m[eè]re|ton p[eè]re) (?:te )?demande\w*,? (?:tu )?(?:dis|dit|di|diras) (?:que |qu['’]?)(?:je suis|j['’]?suis|chuis|c['’]?est) (?:un|une|ton|ta) (?:ami|amie|pote|cousin|cousine|copain|copine|prof)\b"
        r"|\bmessages? (?:[eé]ph[eé]m[eè]res|qui (?:disparaissent|s['’]effacent))\b|\bsi tu (?:le |en )?(?:dis|parles|racontes)\b[^.!?]{0,30}\bon (?:pourra|peut|pourras) plus (?:se parler|parler)\b",
    ),
    (
        _S.ISOLATION,
        r"\b(?:(?:il )?(?:y a|y['’]?a|ya) )?(?:que|ke) moi qui te (?:comprend|comprends|connait|connais)\b|\bpersonne (?:ne )?te (?:comprend|conna[iî]t) comme moi\b"
        r"|\b(?:ne )?te (?:comprend|comprennent|m[eé]rite|m[eé]ritent)(?: pas)? comme moi\b|\bmoi je te comprends?,? pas comme (?:tes|ta|ton)\b"
        r"|\b(?:tes parents|tes darons|ta m[eè]re|ton p[eè]re) (?:ne )?te (?:comprennent|comprend|[eé]coutent|[eé]coute) (?:pas|jamais)\b"
        r"|\b(?:t['’]?as|tu as|ta|tu n['’]?as) pas besoin (?:d['’]?eux|d['’]?elles|de tes (?:potes|amis|amies|copines|copains|parents))\b"
        r"|\blaisse tomber (?:tes potes|tes amis|tes amies|tes copines|tes copains)\b|\b(?:t['’]?as|tu n['’]?as|ta) (?:que|ke) moi\b"
        r"|\b(?:tes|ces) (?:potes|amis|amies|copines|copains|parents)(?: elles| ils)? (?:sont|son) (?:(?:tous|toutes|trop|tellement|vraiment) )?(?:jaloux|jalouses|faux|fausses|toxiques|fake)\b",
    ),
    (
        _S.ALONE_CHECK,
        r"\b(?:t['’]?es|tu es|t) (?:toute? )?seule?s? (?:chez toi|[aà] la maison|dans ta chambre|ce soir|en ce moment|maintenant)\b|\b(?:t['’]?es|tu es|es-tu) (?:toute )?seule ?\?"
        r"|\b(?:tes parents|ta m[eè]re|ton p[eè]re|tes darons|ta daronne|ton daron) (?:(?:sont|est) (?:pas )?(?:l[aà]|chez toi|[aà] la maison|couch[eé]s?|partis?|sortis?|absents?)|dorment|dort)\b"
        r"|\bquand (?:tes parents|ta m[eè]re|ton p[eè]re|tes darons) (?:dorment|dort|sont (?:pas l[aà]|partis|couch[eé]s)|seront (?:partis|couch[eé]s))\b|\b(?:[aà] )?quelle heure (?:rentrent|rentre|reviennent|revient) (?:tes parents|ta m[eè]re|ton p[eè]re|tes darons)\b"
        r"|\b(?:y a|y['’]?a|ya|il y a) (?:quelqu['’]?un|qqn)(?: d['’]?autre)? (?:chez toi|dans ta chambre|[aà] c[oô]t[eé] de toi)\b"
        r"|\b(?:tes parents|ta m[eè]re|ton p[eè]re|tes darons|ta daronne|ton daron|quelqu['’]?un|qqn)(?: ils| elle| il)? (?:regardent|regarde|checkent|check|v[eé]rifient|v[eé]rifie|lisent|lit|fouillent|fouille|surveillent|surveille|contr[oô]lent|contr[oô]le) (?:ton|tes|ta) (?:t[eé]l[eé]phone|tel|t[eé]l|portable|phone|messages|msgs|conv|conversations|[eé]cran)\b"
        r"|\b(?:t['’]?as|tu as|ta|y a|ya|ils ont mis)\b[^.!?]{0,15}\bcontr[oô]le parental\b",
    ),
    (
        _S.PRIVATE_APP,
        rf"\b(?:ajoute|rajoute|add|[eé]cris|envoie|parle|contacte|appelle)[- ]?moi (?:sur|en|par) {_APPS_ANY}\b"
        rf"|\b(?:donne|passe|envoie|file|balance)s?[- ]?(?:moi|moa|mwa) ton (?:{_APPS_ANY}|num|num[eé]ro|tel|t[eé]l|06|07)\b"
        rf"|\b(?:tu (?:peux|pourrais|veux) me donner|tu me donnes?|tu me files?) ton (?:{_APPS_ANY}|num|num[eé]ro|06|07)\b|\b(?:c['’]?est quoi|c quoi|quel est) ton (?:{_APPS_ANY}|num|num[eé]ro)\b|\b(?:t['’]?as|tu as|ta) (?:un |pas )?{_APPS_ANY} ?\?"
        rf"|\b(?:on|viens|vient|allons) (?:(?:se )?parler?|continuer?|discuter?|va|passer?) (?:en (?:priv[eé]?|pv|mp|dm)|sur {_APPS_ANY}|ailleurs)\b|\b(?:viens|vient|passe|passons) en (?:priv[eé]?|pv|mp|dm)\b",
    ),
    (
        _S.GIFTS,
        rf"\bje (?:te |t['’]|t)(?:donne|donnerai|offre|offrirai|ach[eè]te|ach[eè]terai|paye|paie|payerai|envoie|enverrai|file|recharge)(?: (?:des|du|de|d['’]|un|une|les|le|la|\d+|plein de|trop de|tous les|ce|cette|ces))? ?(?:{_CURRENCY_ANY}|cartes? cadeaux?|passe de combat|\d+ ?(?:€|euros?)|de l['’]argent|des thunes|un (?:t[eé]l[eé]phone|portable|iphone))"
        rf"|\bje (?:peux|vais|veux|pourrais) (?:te |t['’])(?:donner|offrir|acheter|payer|envoyer|filer|recharger)(?: (?:des|du|de|d['’]|un|une|les|le|la|\d+|plein de|trop de|tous les|ce|cette|ces))? ?(?:{_CURRENCY_ANY}|cartes? cadeaux?|passe de combat|\d+ ?(?:€|euros?)|de l['’]argent|des thunes|un (?:t[eé]l[eé]phone|portable|iphone))"
        rf"|\b{_CURRENCY_ANY}\b[^.!?]{{0,30}}\bsi tu (?:m['’](?:envoies|ajoutes|appelles|montres|rejoins)|me (?:montres|envoies|parles|rejoins|suis)|viens|envoies|fais|montres|ajoutes|restes)\b"
        rf"|\b(?:robux|v-?bucks|vbucks|nitro) gratuits?\b|\b(?:tu )?veux (?:des|\d+) (?:robux|v-?bucks|vbucks|nitro)\b",
    ),
    (
        _S.IMAGE_REQUEST,
        r"\b(?:envoie|envoi|envois|envoies|env|balance|passe|fais|fait|prends)[- ]?(?:moi|moa|mwa) (?:une |un |des |d['’]autres |quelques |ta |tes |1 )?(?:petite? |vraie? )?(?:photos?|pics?|selfies?|tofs?|vid[eé]os?|nudes?)\b(?!\s*(?:d['’]|de (?!toi\b)|des |du |sur |pour |avec ))"
        r"|(?<!\blui )(?<!\bleur )(?<!\bje )(?<!\bil )(?<!\bqu'il )\b(?:envoie|envoi|envois|envoies|balance)[- ](?:une |des |d['’]autres |ta |tes )(?:petite? )?(?:photos?|pics?|selfies?|tofs?|nudes?)\b(?!\s*(?:d['’]|de (?!toi\b)|des |du |sur |pour |avec ))"
        r"|\b(?:t['’]?as|tu as|ta) (?:d['’]?autres|plus de) (?:photos|pics|tofs)\b|\b(?:photos?|pics?|selfies?|tofs?) de toi (?:en|dans|sans|l[aà]|maintenant|stp)\b"
        r"|\b(?:allume|active|ouvre)s? ta (?:cam|cam[eé]ra|webcam)\b|\bmontre[- ]?(?:moi|toi) (?:ton corps|tes jambes|tes pieds|ta poitrine|ta chambre|ton visage|ta t[eê]te|toi)\b"
        r"|\b(?:[aà] )?quoi tu ressembles\b|\btu ressembles [aà] quoi\b",
    ),
    (
        _S.MEETING,
        r"\bon (?:peut |pourrait |devrait |pourra )?se (?:voir|rencontrer|retrouver|voit|rencontre|retrouve)\b[^.!?]{0,25}\b(?:en vrai|irl|en personne|tous les deux|toutes les deux|que (?:nous|tous les) deux|juste (?:nous|toi et moi)|seuls?|sans (?:tes|que|le dire))\b"
        r"|\bje (?:peux |vais |pourrais )?(?:venir |passer )?te (?:chercher|prendre|r[eé]cup[eé]rer)\b[^.!?]{0,25}\b(?:en voiture|sortie (?:de l['’]?[eé]cole|du coll[eè]ge|des cours)|devant (?:ton|ta) (?:[eé]cole|coll[eè]ge|lyc[eé]e)|au coin|sans que)\b"
        r"|\b(?:on (?:peut|pourrait|devrait|pourra|va) |faut qu['’]?on |j['’]?aimerais (?:bien )?(?:qu['’]?on |te ))(?:se )?rencontrer\b|\bje veux te (?:voir|rencontrer) en vrai\b"
        r"|\b(?:sors|viens) en cachette\b|\bdis (?:[aà] )?(?:tes parents|ta m[eè]re|ton p[eè]re) (?:que )?(?:tu (?:dors|vas|es)|t['’]?es) (?:chez|avec) (?:une? )(?:copine|copain|amie?|pote)\b",
    ),
    (
        _S.SEXUALISATION,
        r"\b(?:t['’]?as|tu as|ta) d[eé]j[aà] (?:embrass[eé]|roul[eé] une pelle|fait l['’]?amour|couch[eé])\b|\b(?:t['’]?es|tu es) (?:encore |toujours )?vierge\b"
        r"|\btu portes quoi\b(?! (?:demain|pour|[aà]|au|ce|samedi|dimanche|lundi|mardi|mercredi|jeudi|vendredi))|\bqu['’]?est-ce que tu portes\b(?! (?:demain|pour))"
        r"|\b(?:t['’]?es|tu es) (?:(?:trop|tellement|vraiment|si|super) )*(?:sexy|hot)\b"
        r"|\b(?:ton corps|tes seins|tes fesses|ta poitrine|tes jambes|tes l[eè]vres) (?:est|sont) (?:(?:trop|tellement|vraiment|si|super) )*(?:beau|belle|belles|beaux|sexy|magnifique|parfait|parfaite|parfaites)\b"
        r"|\b(?:corps|form[eé]e|d[eé]velopp[eé]e)\b[^.!?]{0,20}\bpour ton [aâ]ge\b|\bsi j['’]?avais ton [aâ]ge\b"
        r"|\b(?:t['’]?es|tu es|toi|de toi|montre[- ]toi|mets[- ]toi) en (?:sous[- ]v[eê]tements?|culotte|soutif|soutien[- ]gorge|string|maillot(?: de bain)?|petite tenue)\b|\ben (?:sous[- ]v[eê]tements?|pyjama|culotte) ou moins\b",
    ),
)
OTHER_LANGUAGES += (
    # ---- de ----
    (
        _S.RAPPORT,
        r"\b(?:so |sehr |echt |voll )?reif f(?:ü|ue|u)r dein alter\b|\breifer als (?:die anderen|andere|die meisten)\b"
        r"|\bdu bist (?:(?:so|echt|voll|wirklich|ganz) )*(?:besonders|anders als die anderen|nicht wie die anderen|h(?:ü|ue|u)bsch|s(?:ü|ue|u)(?:ß|ss)|wundersch(?:ö|oe|o)n)\b"
        r"|\bnoch nie (?:so )?(?:jemanden|jemand) wie dich (?:getroffen|kennengelernt)\b|\bdu kannst mir (?:ruhig |voll |echt )?vertrauen\b"
        r"|\bich versteh(?:e)? dich besser als\b|\bkl(?:ü|ue|u)ger als die anderen (?:kids|kinder|m(?:ä|ae|a)dchen|jungs)\b",
    ),
    (
        _S.PROBING,
        r"\bwie alt bist (?:du|de|d)\b|\bwie alt bisch\b|\bbist du schon (?:1[0-8]|zw(?:ö|oe|o)lf|dreizehn|vierzehn)\b"
        r"|\bin welche(?:r|n)? klasse (?:bist|gehst) du\b|\bwo wohnst (?:du|de)\b|\bwo kommst du her\b"
        r"|\b(?:auf|in) welche(?:r)? schule (?:gehst|bist) du\b|\bwie hei(?:ß|ss)t deine schule\b|\bwas ist deine adresse\b",
    ),
    (
        _S.SECRECY,
        r"\bsag(?:'?s|s| es| das)? (?:niemandem|keinem|niemand)\b|\b(?:erz(?:ä|ae|a)hl|sag)(?:'?s|s| es| das)? (?:deinen eltern|deiner mutter|deiner mama|deinem vater|deinem papa|deinen freunden|deinen freundinnen) (?:lieber |besser |bitte )?(?:nix|nichts|nicht)\b"
        r"|\b(?:das|es) bleibt (?:(?:aber|nur|ganz) )*unter uns\b|\b(?:unser|ein) (?:kleines )?geheimnis\b"
        r"|\bverschwindende nachrichten\b|\bl(?:ö|oe|o)sch(?:e)? (?:den|unseren|unsern|die|unsere|diesen) (?:chat|verlauf|nachrichten|unterhaltung)\b"
        r"|\b(?:deine eltern|deine mutter|deine mama|dein vater|dein papa|keiner|niemand) (?:m(?:ü|ue|u)ss(?:en)?|brauch(?:en|t)?) (?:das |davon |es )?(?:ja )?(?:nicht |nix |nichts )?(?:zu )?wissen\b"
        r"|\bwenn (?:jemand|wer|deine eltern|deine mutter|deine mama) fragt,? sag (?:einfach )?(?:ich bin|ich w(?:ä|ae|a)r|dass ich) (?:ein|eine|n|dein|deine) (?:freund|freundin|cousin|cousine|kumpel)\b",
    ),
    (
        _S.ISOLATION,
        r"\b(?:deine eltern|deine mutter|deine mama|dein vater|dein papa|die) verstehen? dich (?:eh |doch |einfach )?nicht\b(?! (?:richtig|gut|wenn|beim))|\bnur ich versteh(?:e)? dich\b|\bkeiner versteht dich so wie ich\b"
        r"|\bdu brauchst (?:die|sie|deine freunde|deine freundinnen|deine eltern) (?:doch |eh )?nicht\b|\bdu hast (?:ja |doch )mich\b|\bdu hast mich\s*(?:$|[.!,?])"
        r"|\b(?:deine|die) (?:freunde|freundinnen|eltern) sind (?:(?:doch|eh|voll|so|echt) )*(?:fake|falsch|neidisch|eifers(?:ü|ue|u)chtig|toxisch)\b"
        r"|\bschreib (?:halt |einfach |lieber )?nur noch mit mir\b",
    ),
    (
        _S.ALONE_CHECK,
        r"\bbist du (?:gerade |grad |jetzt )?(?:allein|alleine|ganz allein|ganz alleine)\b|\bist (?:noch )?(?:jemand|wer) (?:bei dir|zu hause|zuhause|daheim)\b"
        r"|\bwenn (?:alle|deine eltern|deine mutter|deine mama) (?:schlafen|schl(?:ä|ae|a)ft|weg sind|weg ist|nicht da sind)\b|\bsind deine eltern (?:gerade |grad |jetzt |heute )?(?:da|zu ?hause|daheim|weg|arbeiten|unterwegs)\b|\bwann kommen deine eltern\b"
        r"|\b(?:kontrolliert|checkt|liest|guckt) (?:jemand|wer|deine mutter|deine mama|dein vater|dein papa|deine eltern) (?:dein handy|deine nachrichten|deine chats)\b"
        r"|\b(?:deine mutter|deine mama|dein vater|dein papa|deine eltern) (?:liest|lesen|kontrolliert|kontrollieren|checkt|checken) deine (?:nachrichten|chats)\b|\bkinderschutz ?app\b",
    ),
    (
        _S.PRIVATE_APP,
        rf"\b(?:add|adde|schreib|schreibe|meld dich bei|ruf)(?: mich| mir)? (?:auf|bei|(?:ü|ue|u)ber|in) {_APPS_ANY}\b"
        rf"|\b(?:gib mir|gibst du mir|kannst du mir) (?:mal )?(?:deine|dein|deinen) (?:{_APPS_ANY}|nummer|handynummer|nr)\b|\bwie (?:ist|lautet) dein {_APPS_ANY}(?: name)?\b|\bhast du {_APPS_ANY} ?\?"
        rf"|\blass uns (?:lieber |mal )?(?:auf|bei|(?:ü|ue|u)ber|in) (?:{_APPS_ANY}|privat) (?:schreiben|weiterschreiben|reden|chatten)\b",
    ),
    (
        _S.GIFTS,
        rf"\bich (?:schenk|schenke|kauf|kaufe|schick|schicke|gebe|geb|hol|spendier)(?:'| )?(?:dir|dia) (?:(?:ein paar|paar|ein|einen|die|den|das|\d+|neue|gratis) )?(?:{_CURRENCY_ANY}|handy|geld|gutschein|guthaben|battlepass)\b"
        rf"|\bich kann dir (?:(?:ein paar|paar|ein|einen|die|den|das|\d+|neue) )?(?:{_CURRENCY_ANY}|handy|geld|gutschein|guthaben) (?:schenken|kaufen|schicken|geben)\b"
        rf"|\b{_CURRENCY_ANY}\b[^.!?]{{0,30}}\bwenn du (?:mir (?:ein |n |paar )?(?:foto|bild|pic|selfie|video)s?|mir (?:schreibst|was zeigst)|mich (?:addest|anrufst)|dich zeigst|die kamera)\b|\b(?:gratis|kostenlose) (?:robux|v-?bucks|vbucks|nitro)\b|\bwillst du (?:\d+ )?(?:robux|v-?bucks|vbucks|nitro)\b",
    ),
    (
        _S.IMAGE_REQUEST,
        r"\b(?:schick|schicke|send|sende)(?: mir)? (?:mal |ma |doch |bitte )?(?:ein|n|en|eins|paar|ein paar|noch ein) (?:foto|bild|selfie|video|pic)s?\b(?! (?:vo[nm] (?!dir\b)|der |des |zu |f(?:ü|ue|u)r |aus ))"
        r"|\b(?:schick|schicke|send|zeig)(?: mir)? (?:mal |ma |doch )?(?:ein )?(?:foto|bild|selfie|pic)s? von dir\b|\bmach (?:mal |ma )?(?:ein|n) (?:foto|bild|selfie)\b(?! (?:vo[nm] (?!dir\b)|der |des |f(?:ü|ue|u)r ))"
        r"|\bmach\b[^.!?]{0,15}\b(?:deine |die )?(?:kamera|cam|webcam) an\b|\bzeig (?:mir )?(?:mal |ma )?(?:ein|n|en) (?:bild|foto) von (?:dir|deinem outfit)\b|\bzeig (?:mir )?(?:mal )?(?:dich|deinen k(?:ö|oe|o)rper|dein zimmer)\b|\bwie siehst du (?:eigentlich |denn )?aus\b",
    ),
    (
        _S.MEETING,
        r"\b(?:lass uns|wir k(?:ö|oe|o)nnten uns|wollen wir uns|sollen wir uns|k(?:ö|oe|o)nnen wir uns) (?:mal )?(?:treffen|sehen)\b[^.!?]{0,20}\b(?:in echt|irl|im echten leben|allein|alleine|nur wir (?:zwei|beide)|heimlich|ohne dass)\b"
        r"|\buns (?:mal |endlich |doch )?(?:in echt|irl|im echten leben|heimlich|allein|alleine) (?:treffen|sehen)\b|\bich (?:hol|hole|kann) dich (?:(?:morgen|heute|gern|gerne|einfach) )?(?:von der schule|nach der schule|vor der schule|mit dem auto|an der ecke) (?:ab|abholen)\b|\bich hol(?:e)? dich ab\b[^.!?]{0,5}\bsag (?:mir )?(?:einfach )?wo du wohnst\b"
        r"|\b(?:sag|erz(?:ä|ae|a)hl) (?:deinen eltern|deiner mutter|deiner mama|deinem vater) (?:einfach )?(?:du bist|du schl(?:ä|ae|a)fst|du gehst) (?:bei|zu) einer? (?:freundin|freund|kumpel)\b"
        r"|\bich bin (?:n(?:ä|ae|a)chste woche|bald|am wochenende) in deiner (?:stadt|n(?:ä|ae|a)he|gegend)\b",
    ),
    (
        _S.SEXUALISATION,
        r"\bhast du (?:schon (?:mal )?|schonmal |jemals )(?:jemanden |wen )?(?:gek(?:ü|ue|u)sst|sex gehabt|rumgemacht)\b|\bbist du (?:noch )?(?:jungfrau)\b"
        r"|\bwas (?:hast du|tr(?:ä|ae|a)gst du) (?:gerade |grad |jetzt )?an\b|\bwas tr(?:ä|ae|a)gst du (?:gerade|grad|jetzt)\b|\bdu bist (?:(?:so|echt|voll|richtig) )*(?:sexy|hei(?:ß|ss))\b"
        r"|\b(?:dein k(?:ö|oe|o)rper|deine br(?:ü|ue|u)ste) (?:ist|sind|sieht|sehen)\b[^.!?]{0,15}\b(?:sch(?:ö|oe|o)n|sexy|hei(?:ß|ss)|geil|gut aus)\b"
        r"|\bin (?:deiner )?(?:unterw(?:ä|ae|a)sche|unterhose|bh|badesachen|bikini)\b|\bwie weit (?:seid ihr|bist du) (?:schon )?gegangen\b|\bwenn ich in deinem alter w(?:ä|ae|a)re\b",
    ),
    # ---- es ----
    (
        _S.RAPPORT,
        r"\b(?:muy |mu |bastante )?madur[oa] para tu edad\b|\beres (?:(?:muy|mu|tan|super) )*(?:especial|diferente a (?:las|los) dem[aá]s|guap[ao]|precios[ao]|lind[ao])\b"
        r"|\bnunca (?:he )?conocido a (?:nadie|alguien) como t[uú]\b|\bpuedes confiar en m[ií]\b|\bte entiendo mejor q(?:ue)? (?:nadie|tus)\b"
        r"|\b(?:mas|m[aá]s) madur[oa] q(?:ue)? (?:las|los) (?:dem[aá]s|de tu edad|chicas|chicos|ni[nñ]as|ni[nñ]os)\b",
    ),
    (
        _S.PROBING,
        r"\bcu[aá]ntos a[nñ]os tienes\b|\bq(?:u[eé])? edad tienes\b|\b(?:y )?t[uú] cu[aá]ntos tienes\b|\ben q(?:u[eé])? curso (?:est[aá]s|vas)\b"
        r"|\bd[oó]nde vives\b|\ba q(?:u[eé])? (?:cole|colegio|instituto|insti) vas\b|\bcu[aá]l es tu (?:cole|colegio|instituto|direcci[oó]n)\b",
    ),
    (
        _S.SECRECY,
        r"\bno (?:se )?(?:lo |le |les )?(?:digas|cuentes|ense[nñ]es) (?:nada )?a (?:nadie|tus padres|tu madre|tu mam[aá]|tu padre|tu pap[aá]|tus amig[ao]s)\b"
        r"|\bno (?:se )?(?:lo |le |les )?(?:digas|cuentes) (?:nada )?(?:a tus padres |a nadie )?q(?:ue)? (?:hablamos|hablo contigo|te escribo)\b"
        r"|\b(?:es|sera|ser[aá]) (?:nuestro|un) (?:peque[nñ]o )?secreto\b|\bnuestro secreto\b|\bq(?:ue)? (?:quede|queda) entre (?:nosotros|nosotras|t[uú] y yo)\b|\bentre t[uú] y yo\b"
        r"|\bmensajes temporales\b|\bborra (?:el chat|los mensajes|la conversaci[oó]n|la conver|nuestros mensajes|los chats)\b"
        r"|\b(?:tus padres|tu madre|tu padre|nadie) no (?:tienen?|necesitan?) (?:q(?:ue)? |por q(?:ue)? )?(?:saberlo|saber|enterarse)\b|\bnadie (?:tiene|tiene por) q(?:ue)? (?:saberlo|enterarse)\b"
        r"|\bsi (?:te )?pregunta(?:n)? (?:tu madre|tus padres|alguien)?,? di(?:les)? q(?:ue)? soy (?:un|una|tu) (?:amig[oa]|prim[oa]|compa[nñ]er[oa]|profe)\b",
    ),
    (
        _S.ISOLATION,
        r"\b(?:tus padres|tu madre|tu padre) no te (?:entienden|entiende|escuchan|escucha|valoran)\b|\bs[oó]lo yo te entiendo\b|\bnadie te entiende como yo\b"
        r"|\bno (?:los|las) necesitas\b|\b(?:tus amig[ao]s|ell[oa]s) no te (?:valoran|merecen|entienden) como yo\b|\bme tienes a m[ií]\b|\bpasa de ell[oa]s\b"
        r"|\btus amig[ao]s son (?:unas? )?(?:falsas?|falsos|envidiosas?|envidiosos|t[oó]xic[oa]s)\b|\byo nunca te har[ií]a eso\b",
    ),
    (
        _S.ALONE_CHECK,
        r"\b(?:est[aá]s|estas) sol[ao]\b(?! (?:en (?:la partida|el equipo|la squad|el squad|duo|d[uú]o|tr[ií]os)|contra))|\bhay alguien (?:m[aá]s )?(?:en (?:tu )?casa|contigo|en tu cuarto)\b|\b(?:tus padres|tu madre|tu padre) est[aá]n? (?:en casa|fuera|durmiendo|trabajando)\b"
        r"|\ba q(?:u[eé])? hora (?:llegan|vuelven|viene|vienen|llega) (?:tus padres|tu madre|tu padre)\b|\bcuando (?:tus padres|tu madre|tu padre) (?:(?:se )?duerman?|no est[eé]n?|se vayan?|salgan?)\b|\bvuelves sola\b"
        r"|\b(?:tus padres|tu madre|tu padre) (?:te )?(?:miran|mira|revisan|revisa|leen|lee|controlan|controla) (?:el|tu|tus|los) (?:m[oó]vil|movil|cel|celular|mensajes|chats|whats)\b|\bcontrol parental\b",
    ),
    (
        _S.PRIVATE_APP,
        rf"\b(?:agr[eé]game|a[nñ][aá]deme|h[aá]blame|escr[ií]beme|ll[aá]mame|sigueme|s[ií]gueme) (?:al|en|por|a) {_APPS_ANY}\b"
        rf"|\b(?:p[aá]same|dame|m[aá]ndame|me pasas|me das) (?:tu|el) (?:{_APPS_ANY}|n[uú]mero|num|tlf|tel[eé]fono|user)\b|\btienes {_APPS_ANY} ?\?"
        rf"|\b(?:hablemos|hablamos|seguimos|vamos|mejor|pasemos) (?:por|a|al|en) (?:{_APPS_ANY}|privado|md|priv)\b|\bh[aá]blame (?:por |al )?(?:privado|md|priv)\b",
    ),
    (
        _S.GIFTS,
        rf"\bte (?:regalo|compro|paso|mando|doy|pago|regalar[eé]|comprar[eé]|hago un bizum|recargo)(?: (?:unos|unas|un|una|el|la|los|las|\d+|mil))? (?:{_CURRENCY_ANY}|tarjetas?(?: regalo)?|pase de batalla|m[oó]vil|iphone|dinero|bizum|\d+ ?(?:€|euros?))"
        rf"|\bsi quieres te hago un bizum\b|\b{_CURRENCY_ANY}\b[^.!?]{{0,30}}\bsi (?:me (?:mandas|env[ií]as|ense[nñ]as|agregas|hablas|pasas (?:una foto|tu))|vienes|haces|te pones)\b|\b(?:robux|pavos|v-?bucks|vbucks|nitro) gratis\b|\bquieres (?:\d+ )?(?:robux|pavos|v-?bucks|vbucks|nitro)\b",
    ),
    (
        _S.IMAGE_REQUEST,
        r"\b(?:m[aá]ndame|p[aá]same|env[ií]ame|manda|pasa|haz(?:te|me)?)(?: (?:una|un|unas|otra|m[aá]s))? (?:foto|fotito|selfie|video|pic)s?(?: tuyas?)?\b(?! (?:de (?!ti\b)|del |de la |de los |de las |para ))"
        r"|\b(?:ens[eé][nñ]ame|mu[eé]strame) (?:tu cuerpo|c[oó]mo eres|tu cara|tu cuarto|tu habitaci[oó]n)\b|\b(?:pon|enciende|abre|conecta|con[eé]ctate a) (?:la|tu) (?:c[aá]mara|cam|webcam)\b"
        r"|\bc[oó]mo eres f[ií]sicamente\b|\bq(?:u[eé])? pinta tienes\b",
    ),
    (
        _S.MEETING,
        r"\b(?:quedamos|podemos vernos|nos vemos|vernos|quedar|conocernos)\b[^.!?]{0,25}\b(?:a solas|sol[oa]s|t[uú] y yo sol[oa]s|en persona|sin q(?:ue)? (?:se ente|lo sep|nadie|tus))"
        r"|\bte (?:recojo|paso a buscar|voy a buscar|busco)\b[^.!?]{0,20}\b(?:cole|colegio|insti|instituto|salida|coche|esquina)\b|\bpaso a (?:buscarte|recogerte)\b"
        r"|\bdi(?:les)? a tus padres q(?:ue)? (?:est[aá]s|vas|duermes) (?:en casa de|con) una? amig[ao]\b|\b(?:esc[aá]pate|sal a escondidas)\b",
    ),
    (
        _S.SEXUALISATION,
        r"\b(?:has|alguna vez has) (?:besado|tenido sexo|hecho el amor|tenido un novio mayor)\b|\beres virgen\b|\bq(?:u[eé])? (?:llevas puesto|ropa llevas)\b"
        r"|\beres (?:(?:muy|mu|tan|super) )*sexy\b|\best[aá]s (?:(?:muy|mu|tan|super) )*buena\b(?! (?:en|para|jugando))"
        r"|\ben (?:ropa interior|bragas|sujetador|tanga|bikini)\b|\btu cuerpo (?:es|est[aá])\b[^.!?]{0,12}\b(?:precioso|perfecto|bonito|sexy)\b|\bsi (?:tuviera|tuviese) tu edad\b",
    ),
    # ---- it ----
    (
        _S.RAPPORT,
        r"\b(?:molto |cos[iì] )?matur[ao] per la tua et[aà]\b|\bpi[uù] matur[ao] (?:delle|dei) (?:altr[ei]|ragazz[ei] della tua et[aà])\b"
        r"|\bsei (?:(?:molto|cos[iì]|davvero|troppo) )*(?:special[ei]|divers[ao] dalle altre|diverso dagli altri|bellissim[ao])\b"
        r"|\b(?:non|nn) ho mai conosciuto nessun[ao] come te\b|\bpuoi fidarti di me\b|\bti capisco meglio (?:di|dei)\b|\bhai una testa da adult[ao]\b",
    ),
    (
        _S.PROBING,
        r"\bquanti anni hai\b|\bche et[aà] hai\b|\bet[aà] e citt[aà]\b|\bin che classe (?:sei|vai|fai)\b|\bsei alle (?:medie|elementari|superiori)\b"
        r"|\bdove (?:abiti|vivi)\b|\b(?:che|in che|quale) scuola (?:fai|fai|frequenti|vai)\b|\bqual [eè] la tua scuola\b",
    ),
    (
        _S.SECRECY,
        r"\b(?:non|nn) (?:lo )?dir(?:lo|e niente|e nulla)? (?:a nessuno|ai tuoi|a tua madre|a tuo padre|a mamma|a pap[aà])\b|\b(?:non|nn) dirlo a nessuno\b"
        r"|\b(?:il )?nostro (?:piccolo )?segreto\b|\b(?:resta|rimane|rimanga|resti) (?:solo )?tra (?:noi|me e te)\b|\bsolo tra me e te\b"
        r"|\bcancella (?:la chat|i messaggi|la conversazione|tutto|la cronologia)\b|\bsvuota la cronologia\b|\bmessaggi (?:effimeri|che spariscono)\b"
        r"|\b(?:i tuoi|tua madre|tuo padre|nessuno) (?:non |nn )?(?:deve|devono|deve per forza) saper(?:lo|e)\b"
        r"|\bse (?:qualcuno|i tuoi|tua madre) (?:ti )?chied(?:e|ono),? di(?:['’]|gli)? che sono (?:un|una|tu[oa]) (?:amic[oa]|cugin[oa]|compagn[oa])\b"
        r"|\bse lo (?:dici|racconti)\b[^.!?]{0,30}\b(?:non|nn) possiamo pi[uù] parlare\b|\bgiura che (?:non|nn) lo dici\b",
    ),
    (
        _S.ISOLATION,
        r"\b(?:i tuoi|i tuoi genitori|tua madre|tuo padre) (?:non|nn) ti (?:capiscono|capisce|ascoltano|ascolta)\b|\bsolo io ti capisco\b|\bsono l['’ ]?unico che ti capisce\b"
        r"|\bnessuno ti capisce come me\b|\b(?:non|nn) hai bisogno di loro\b|\blascia perdere (?:i tuoi amici|le tue amiche)\b|\bhai (?:solo )?me\b"
        r"|\b(?:i tuoi amici|le tue amiche) (?:sono (?:(?:solo|tutti|tutte) )?(?:invidios[ie]|fals[ie]|tossic[ie])|(?:non|nn) ti meritano)\b",
    ),
    (
        _S.ALONE_CHECK,
        r"\bsei (?:da )?sol[ao]\b(?! (?:in (?:squadra|team|partita|lobby)|contro))|\bc['’ ]?[eè] qualcuno (?:a casa|con te|in camera)\b|\b(?:i tuoi|tua madre|tuo padre) (?:sono|[eè]) (?:a casa|fuori|via)\b"
        r"|\ba che ora (?:tornano|torna) (?:i tuoi|tua madre|tuo padre)\b|\bquando (?:i tuoi|tua madre|tuo padre) (?:dormono|dorme|(?:non|nn) ci sono|(?:non|nn) c['’ ]?[eè]|escono|esce)\b|\b(?:i tuoi|tua madre|tuo padre) ti controll(?:ano|a) (?:il telefono|il cell|le chat)\b"
        r"|\b(?:tua madre|tuo padre|i tuoi) legg(?:e|ono) (?:le tue chat|i tuoi messaggi)\b|\bparental control\b",
    ),
    (
        _S.PRIVATE_APP,
        rf"\b(?:aggiungimi|scrivimi|chiamami|seguimi) (?:su|in) (?:{_APPS_ANY}|privato|direct|dm)\b|\b(?:passami|dammi|mandami|mi dai|mi passi) (?:il tuo|lo) (?:{_APPS_ANY}|numero|cell|contatto)\b"
        rf"|\bhai {_APPS_ANY} ?\?|\b(?:passiamo|andiamo|parliamo|sentiamoci|continuiamo) (?:su|in) (?:{_APPS_ANY}|privato|direct|dm)\b",
    ),
    (
        _S.GIFTS,
        rf"\bti (?:regalo|compro|mando|do|ricarico|pago|regaler[oò]|comprer[oò])(?: (?:dei|delle|un|una|il|la|le|i|\d+|mille))? (?:{_CURRENCY_ANY}|gift ?card|telefono|cellulare|soldi|ricarica|\d+ ?(?:€|euro))"
        rf"|\b{_CURRENCY_ANY}\b[^.!?]{{0,30}}\bse (?:mi (?:mandi|invii|fai vedere|aggiungi|scrivi)|vieni|ti fai|accendi)\b|\b(?:robux|v-?bucks|vbucks|nitro) gratis\b|\bvuoi (?:\d+ )?(?:robux|v-?bucks|vbucks|nitro)\b",
    ),
    (
        _S.IMAGE_REQUEST,
        r"\b(?:mandami|inviami|fammi|fatti|passami)(?: (?:una|un|altre|qualche))? (?:tua )?(?:foto|selfie|video|pic)\b(?: tua)?(?! (?:de[il]|della|delle|degli|dello|di (?!te\b)|per ))"
        r"|\b(?:accendi|apri|attiva) (?:la )?(?:cam|webcam|telecamera|videocamera)\b|\bfammi vedere (?:come sei|il tuo corpo|la tua camer(?:a|etta)|la tua faccia)\b"
        r"|\bcom['’ ]?[eè] la tua faccia\b|\bcome sei fatta\b",
    ),
    (
        _S.MEETING,
        r"\b(?:ci vediamo|vederci|incontrarci|incontriamoci|vediamoci|ci incontriamo)\b[^.!?]{0,25}\b(?:di persona|dal vivo|da soli|noi due|senza che|in segreto)\b"
        r"|\bti (?:vengo|passo) a prendere\b|\bti prendo (?:io )?(?:con la macchina|all['’ ]?angolo|all['’ ]?uscita|a scuola)\b"
        r"|\bd[iì]['’]? ai tuoi che (?:vai|sei|dormi) da (?:un['’ ]?amica|un amico|una amica)\b|\bposso passare fuori dalla tua scuola\b",
    ),
    (
        _S.SEXUALISATION,
        r"\bhai (?:mai|gi[aà]) (?:baciato|fatto sesso|fatto l['’ ]?amore|fatto qualcosa di sessuale)\b|\bsei (?:ancora )?vergine\b|\bcosa (?:hai addosso|indossi)\b"
        r"|\bsei (?:(?:molto|cos[iì]|davvero|troppo) )*(?:sexy|figa)\b|\bin (?:intimo|mutande|reggiseno|costume)\b|\bil tuo corpo [eè]\b[^.!?]{0,12}\b(?:bello|perfetto|sexy)\b"
        r"|\bse (?:fossi|tu fossi) (?:un po['’]? )?pi[uù] grande\b|\bse avessi la tua et[aà]\b|\bstai diventando (?:proprio )?una donna\b",
    ),
)
OTHER_LANGUAGES += (
    # ---- pt (PT and BR) ----
    (
        _S.RAPPORT,
        r"\b(?:muito |mt |mto |t[aã]o )?madura? (?:pra|para) (?:a )?(?:sua|tua) idade\b|\b(?:vc|voc[eê]|tu) (?:[eé]|es) (?:(?:muito|mt|mto|t[aã]o|super) )*(?:especial|diferente das outras|linda|lindo)\b|\b[eé]s (?:(?:muito|t[aã]o|super) )*(?:especial|diferente das outras|linda)\b"
        r"|\bnunca conheci (?:ningu[eé]m|algu[eé]m) como (?:vc|voc[eê]|tu|ti)\b|\b(?:pode|podes) confiar em mim\b|\b(?:te )?entendo (?:vc |voc[eê] )?melhor (?:que|q|do que)\b"
        r"|\bmelhor (?:que|q) (?:mts|muitos) adultos\b",
    ),
    (
        _S.PROBING,
        r"\bquantos anos (?:vc|voc[eê]|tu)? ?(?:tem|tens)\b|\bqual (?:[eé] )?a (?:sua|tua) idade\b|\b(?:que|q) idade (?:tens|vc tem|voc[eê] tem)\b"
        r"|\bem (?:que|q) (?:ano|s[eé]rie) (?:vc |voc[eê] |tu )?(?:est[aá]|t[aá]|ta|andas|est[aá]s|estuda)\b|\bonde (?:vc |voc[eê] |tu )?(?:mora|moras|vive|vives)\b"
        r"|\bem (?:que|q|qual) escola (?:vc |voc[eê] |tu )?(?:andas|estuda|estudas)\b|\bqual (?:[eé] )?a (?:sua|tua) escola\b|\bqual rua (?:vc |voc[eê] |tu )?mora",
    ),
    (
        _S.SECRECY,
        r"\b(?:n[aã]o|n|nao) (?:conta|contes|fala|fale|digas|diz)(?: nada)? (?:isso )?(?:pra|para|a|ao|aos|à) (?:ningu[eé]m|ngm|(?:sua|tua) m[aã]e|(?:seu|teu) pai|(?:seus|teus) pais)\b"
        r"|\b(?:[eé] )?(?:o )?nosso (?:segredo|segredinho)\b|\bfica (?:s[oó] )?entre n[oó]s\b|\bs[oó] entre n[oó]s\b"
        r"|\bmensagens tempor[aá]rias\b|\bapag(?:a|ue)(?:-as?)? (?:a conversa|as mensagens|o chat|as msgs|nossa conversa)\b"
        r"|\b(?:(?:seus|teus) pais|(?:sua|tua) m[aã]e|ningu[eé]m|ngm) (?:n[aã]o |n )?precisa(?:m)? (?:de )?saber\b"
        r"|\bse (?:algu[eé]m|(?:seus|teus) pais|(?:sua|tua) m[aã]e) (?:te )?perguntar(?:em)?,? (?:fala|diz|diga|fale) (?:que|q) (?:eu )?sou (?:um|uma|seu|teu|tua|sua) (?:amig[oa]|prim[oa]|colega)\b",
    ),
    (
        _S.ISOLATION,
        r"\b(?:(?:seus|teus) pais|(?:sua|tua) m[aã]e|(?:seu|teu) pai) (?:n[aã]o|n) (?:te )?(?:entendem|entende|escutam|ouvem)\b|\bs[oó] eu (?:te )?entendo\b|\bningu[eé]m te entende como eu\b"
        r"|\b(?:vc|voc[eê]|tu) (?:n[aã]o|n) precisa(?:s)? (?:deles|delas)\b|\b(?:vc|voc[eê]) tem a mim\b|\btens-me a mim\b|\bpra (?:que|q) (?:vc|voc[eê]|tu) precisa(?:s)? (?:dessas|desses|delas|deles)\b"
        r"|\b(?:suas|tuas|seus|teus|esses teus|essas tuas) (?:amigas|amigos) (?:s[aã]o (?:(?:todas|todos|mt|muito) )?(?:falsas|falsos|invejosas|invejosos|t[oó]xic[oa]s)|s[oó] te usam)\b",
    ),
    (
        _S.ALONE_CHECK,
        r"\b(?:vc |voc[eê] |tu )?(?:est[aá]|t[aá]|ta|est[aá]s|tás) sozinh[ao]\b(?! (?:no (?:time|squad|jogo)|na partida|contra))|\b(?:volta|voltas|fica|ficas|dormes|dorme) sozinh[ao]\b"
        r"|\btem algu[eé]m (?:em casa|a[ií] com (?:vc|voc[eê]|tigo)|no (?:seu|teu) quarto)\b|\b(?:(?:seus|teus) pais|(?:sua|tua) m[aã]e|(?:seu|teu) pai) (?:est[aã]o|est[aá]|t[aã]o|t[aá]) em casa\b"
        r"|\bquando (?:(?:seus|teus) pais|(?:sua|tua) m[aã]e|(?:seu|teu) pai) (?:dormirem|dormir|sa[ií]rem|sair|n[aã]o estiverem|n[aã]o estiver)\b|\b(?:que|q) horas (?:(?:seus|teus) pais|(?:sua|tua) m[aã]e|(?:seu|teu) pai) (?:chegam|chega|voltam|volta)\b"
        r"|\b(?:(?:seus|teus) pais|(?:sua|tua) m[aã]e|(?:seu|teu) pai) (?:te )?(?:olham|olha|mexem|mexe|vigiam|vigia|leem|l[eê]|controlam|controla) (?:o )?(?:seu |teu )?(?:celular|cel|telem[oó]vel|telefone|mensagens|zap|whats)\b|\bcontrole parental\b",
    ),
    (
        _S.PRIVATE_APP,
        rf"\b(?:me (?:add|adiciona|chama|manda mensagem|segue)|adiciona-me|chama-me|manda-me mensagem) (?:no|na|pelo|pela|em) (?:{_APPS_ANY}|pv|privado|direct|dm)\b"
        rf"|\b(?:me passa|passa-me|me d[aá]|d[aá]-me|manda) (?:o )?(?:seu|teu) (?:{_APPS_ANY}|n[uú]mero|numero|cel|celular|contato|contacto)\b|\b(?:tens|vc tem|voc[eê] tem|tem) {_APPS_ANY} ?\?"
        rf"|\b(?:vamos|bora|vamo) (?:conversar|falar|pra|para|continuar) (?:no|na|pelo|pela|pro|em|o|a) (?:{_APPS_ANY}|pv|privado)\b|\bchama no (?:pv|privado|zap|whats)\b",
    ),
    (
        _S.GIFTS,
        rf"\b(?:te (?:dou|compro|mando|pago|dou|envio|fa[cç]o)|dou-te|compro-te|mando-te|pago-te|envio-te|comprei-te)(?: (?:uns|umas|um|uma|a|o|as|os|\d+|mil))? (?:{_CURRENCY_ANY}|diamantes|gift ?card|cart[aã]o|pix|celular|telem[oó]vel|iphone|dinheiro|\d+ ?(?:reais|€|euros?))"
        rf"|\b{_CURRENCY_ANY}\b[^.!?]{{0,30}}\b(?:se|[eé] s[oó]) (?:vc |voc[eê] |tu )?(?:me (?:mandar|mandares|mostrar|add)|mandar|mandares|vier|vieres|fizer|fizeres)\b|\b(?:robux|v-?bucks|vbucks|diamantes) (?:gr[aá]tis|de gra[cç]a)\b|\bquer(?:es)? (?:\d+ )?(?:robux|v-?bucks|vbucks|diamantes)\b",
    ),
    (
        _S.IMAGE_REQUEST,
        r"\b(?:me manda|manda-me|manda|me envia|envia-me|tira|me passa)(?: (?:uma|um|outra|mais))? (?:foto|fotinho|selfie|v[ií]deo|pic)s?(?: (?:sua|tua))?\b(?! (?:d[oa]s? (?!vc\b)|de (?!vc\b|voc[eê]\b|ti\b)|pra (?:eu|mim) (?:ver|ter) (?:o|a) ))"
        r"|\b(?:liga|abre|ativa) (?:a )?(?:c[aâ]mera|c[aâ]mara|cam|webcam)\b|\b(?:me mostra|mostra-me) (?:o )?(?:seu |teu )?(?:corpo|quarto|rosto|voc[eê]|vc)\b|\bquero ver (?:a )?(?:sua|tua) cara\b"
        r"|\bcomo (?:vc|voc[eê]|tu) [eé]s?\b(?: de verdade| pessoalmente)",
    ),
    (
        _S.MEETING,
        r"\b(?:a gente|vamos|podemos|bora|podiamos|pod[ií]amos)(?: (?:podia|pode|devia|poderia))?(?: se| nos)? (?:encontrar|ver|conhecer)\b[^.!?]{0,25}\b(?:pessoalmente|sozinh[oa]s|s[oó] n[oó]s dois|escondido|sem (?:que|q|ningu[eé]m|seus|teus))\b"
        r"|\bte (?:pego|busco|apanho)\b[^.!?]{0,20}\b(?:escola|sa[ií]da|esquina|carro)\b|\b(?:posso|vou) (?:te )?(?:ir )?buscar(?:-te)? (?:na|[aà]) escola\b|\bvou-te buscar\b"
        r"|\b(?:fala|diz|diga|fale)(?: (?:aos teus pais|pros seus pais|pra sua m[aã]e|[aà] tua m[aã]e))? (?:que|q) (?:vai|vais|est[aá]s?|t[aá]) (?:na|[aà]|em) casa de (?:uma|um) amig[ao]\b",
    ),
    (
        _S.SEXUALISATION,
        r"\bj[aá] (?:beijou|beijaste|transou|fez sexo|ficou com algu[eé]m)\b|\b(?:vc|voc[eê]) [eé] virgem\b|\b[eé]s virgem\b|\b(?:o )?(?:que|q) (?:vc|voc[eê]|tu) (?:t[aá]|est[aá]|est[aá]s a) (?:vestindo|usar|usando)\b"
        r"|\b(?:vc|voc[eê]|tu) (?:[eé]|t[aá]|est[aá]|es|est[aá]s) (?:(?:muito|mt|mto|t[aã]o|super) )*(?:gostosa|gostoso|sexy)\b|\bde (?:calcinha|suti[aã]|cueca|roupa (?:[ií]ntima|interior)|biqu[ií]ni)\b"
        r"|\b(?:seu|teu) corpo (?:[eé]|est[aá])\b[^.!?]{0,12}\b(?:lindo|perfeito|sexy|gostoso)\b|\bcom esse corpo\b|\bse eu tivesse a (?:sua|tua) idade\b|\bnem parece (?:que|q) (?:tem|tens) 1[0-5]\b",
    ),
    # ---- nl ----
    (
        _S.RAPPORT,
        r"\b(?:zo |heel |echt )?volwassen voor (?:je|jouw) leeftijd\b|\bvolwassener dan (?:de meeste|andere)\b|\bje bent (?:(?:zo|echt|heel|super) )*(?:bijzonder|speciaal|anders dan (?:de )?andere|mooi)\b"
        r"|\bnog nooit iemand (?:ontmoet )?zoals jij\b|\bje (?:kan|kunt) (?:mij|me) (?:echt )?vertrouwen\b|\bik begrijp je beter dan\b",
    ),
    (
        _S.PROBING,
        r"\bhoe oud (?:ben|bn) (?:je|jij)\b|\bwat is (?:je|jouw) leeftijd\b|\bin welke (?:groep|klas) zit (?:je|jij)\b|\bwaar woon (?:je|jij)\b|\bin welke (?:stad|plaats) woon (?:je|jij)\b"
        r"|\bop welke school zit (?:je|jij)\b|\bwelke school (?:is het|zit je)\b|\bzit (?:je|jij) (?:al )?op de (?:middelbare|basisschool)\b|\bwat is (?:je|jouw) (?:adres|school)\b",
    ),
    (
        _S.SECRECY,
        r"\b(?:zeg|vertel) (?:het |dit |dat |niks |niets )?(?:tegen |aan )?niemand\b|\b(?:zeg|vertel) (?:het |dit |dat )?(?:niks|niets|niet) (?:tegen|aan) (?:je|jouw) (?:ouders|moeder|mama|vader|papa)\b"
        r"|\bons (?:kleine )?geheim(?:pje)?\b|\b(?:het |dit )?blijft (?:gewoon )?tussen (?:ons|jou en mij)\b|\btussen jou en mij\b"
        r"|\b(?:verwijder|wis) (?:de|deze|onze) (?:chat|berichten|gesprek)\b|\bde chat te wissen\b|\bverdwijnende berichten\b|\bop verdwijnen\b|\b(?:aan|tegen) niemand (?:vertelt|zegt|vertellen|zeggen)\b|\bals (?:je|jij) het (?:aan |tegen )?iemand (?:vertelt|zegt)\b"
        r"|\b(?:je ouders|jouw ouders|je moeder|je vader|niemand) (?:hoeven|hoeft) (?:het |dit |dat )?niet te weten\b|\bniet tegen (?:je|jouw) ouders (?:zeggen|vertellen)\b"
        r"|\bals (?:iemand|je ouders|je moeder) (?:het )?vraag(?:t|en),? (?:zeg je|zeg) (?:dan )?dat ik (?:een )?(?:vriend|vriendin|neef|nicht|klasgenoot)\b",
    ),
    (
        _S.ISOLATION,
        r"\b(?:je ouders|jouw ouders|je moeder|je vader) (?:begrijpen|begrijpt|snappen|snapt) (?:je|jou) (?:toch |gewoon )?niet\b|\balleen ik (?:begrijp|snap) (?:je|jou)\b|\bniemand (?:begrijpt|snapt) (?:je|jou) zoals ik\b"
        r"|\b(?:ze|die|zij) (?:snappen|begrijpen) (?:je|jou) niet zoals ik\b|\bje hebt (?:hun|ze|die) niet nodig\b|\bje hebt mij toch\b"
        r"|\b(?:je|jouw|die) (?:vrienden|vriendinnen)(?: van je)? zijn (?:(?:echt|gewoon|zo) )*(?:nep|fake|jaloers|vals|toxic)\b",
    ),
    (
        _S.ALONE_CHECK,
        r"\bben (?:je|jij) (?:nu |nou |nu even )?(?:alleen|helemaal alleen)(?: thuis)?\b|\bis er iemand (?:bij je|thuis)\b|\bzijn (?:je|jouw) ouders (?:nu |dit weekend |vanavond )?(?:thuis|weg|er)\b"
        r"|\bhoe laat komen (?:je|jouw) ouders\b|\bals (?:je|jouw) ouders (?:slapen|weg zijn|er niet zijn)\b|\b(?:kijken|checken|lezen) (?:je|jouw) ouders\b[^.!?]{0,10}\b(?:telefoon|mobiel|berichten|chats)\b|\bleest (?:je|jouw) (?:moeder|vader) (?:je berichten|mee)\b"
        r"|\bslaap (?:je|jij) alleen\b",
    ),
    (
        _S.PRIVATE_APP,
        rf"\b(?:voeg me toe|add me|stuur me een (?:bericht|berichtje|dm)|app me|bel me) (?:op|via|in) {_APPS_ANY}\b|\bwat is (?:je|jouw) (?:{_APPS_ANY}|nummer|06)\b"
        rf"|\bgeef (?:me )?(?:je|jouw) (?:{_APPS_ANY}|nummer|06)\b|\bheb (?:je|jij) {_APPS_ANY} ?\?"
        rf"|\blaten we (?:verder )?(?:praten|chatten|gaan|verder) (?:op|via|naar) (?:{_APPS_ANY}|een andere app|prive|priv[eé])\b|\b(?:kom naar|download) {_APPS_ANY}\b|\blaten we (?:op|via) (?:een andere app|{_APPS_ANY}) verder\b|\bstuur me (?:ff |even )?een (?:berichtje|bericht|dm) (?:prive|priv[eé])\b|\bmag ik (?:je|jouw) (?:{_APPS_ANY}|nummer|06)\b",
    ),
    (
        _S.GIFTS,
        rf"\bik (?:geef|koop|stuur|betaal|gift) (?:je|jou)(?: (?:wat|een|die|de|\d+|gratis))? (?:{_CURRENCY_ANY}|cadeaukaart|cadeaubon|telefoon|geld)\b|\bik kan (?:je|jou) (?:die |een |\d+ )?(?:{_CURRENCY_ANY}) (?:geven|kopen|sturen)\b"
        rf"|\b{_CURRENCY_ANY}\b[^.!?]{{0,30}}\bals (?:je|jij) (?:iets terug|(?:mij|me) (?:een foto|een selfie|stuurt|toevoegt|belt))\b|\bgratis (?:robux|v-?bucks|vbucks|nitro)\b|\bwil (?:je|jij) (?:\d+ )?(?:robux|v-?bucks|vbucks|nitro)\b",
    ),
    (
        _S.IMAGE_REQUEST,
        r"\bstuur (?:me |mij )?(?:eens |ff |even |nog )?(?:een|1|wat) (?:foto|selfie|video|pic)s?(?:'s)?\b(?! (?:van (?!jezelf\b|jou\b)|uit |voor ))|\bstuur (?:me )?(?:eens |ff )?een foto van jezelf\b"
        r"|\b(?:maak|heb je) (?:eens |ff )?een (?:foto|selfie) van jezelf\b|\bzet (?:je|jouw) (?:camera|cam|webcam) aan\b|\blaat (?:eens |ff |me )?zien (?:hoe je eruit ziet|wat je (?:nu )?aan hebt|je lichaam)\b"
        r"|\bhoe zie (?:je|jij) eruit\b",
    ),
    (
        _S.MEETING,
        r"\b(?:zullen we|laten we|kunnen we|wil je)(?: een keer| eens)? (?:afspreken|ontmoeten|elkaar zien)\b[^.!?]{0,25}\b(?:in het echt|irl|met z['’]?n twee[eë]n|alleen|zonder dat|ik kom wel naar jou)\b"
        r"|\bik (?:kan|kom) (?:je|jou) (?:ophalen|halen)\b(?:[^.!?]{0,25}\b(?:school|auto|hoek|niemand))|\bik haal (?:je|jou) op\b[^.!?]{0,25}\b(?:school|auto|hoek|niemand)\b"
        r"|\bzeg (?:tegen )?(?:je|jouw) ouders dat (?:je|jij) bij een (?:vriendin|vriend) (?:bent|slaapt|gaat)\b|\bik ben (?:volgende week|binnenkort|dit weekend) in (?:jouw|je) (?:buurt|stad)\b",
    ),
    (
        _S.SEXUALISATION,
        r"\bheb (?:je|jij) (?:al |ooit |wel eens |weleens )*(?:gezoend|seks gehad|met iemand gezoend)\b|\bben (?:je|jij) (?:nog )?maagd\b|\bwat (?:heb|draag) (?:je|jij) (?:nu |nou )?aan\b|\bwat draag (?:je|jij) (?:nu|nou)\b"
        r"|\bje bent (?:(?:zo|echt|heel|super) )*(?:sexy|heet|lekker)\b|\bin (?:je|jouw) (?:ondergoed|bh|onderbroek|bikini|badpak)\b|\b(?:mooi|lekker) lichaam voor (?:je|jouw) leeftijd\b"
        r"|\bje (?:lichaam|kont|borsten) (?:is|zijn|ziet)\b[^.!?]{0,12}\b(?:mooi|sexy|lekker|heet)\b|\bje ziet er (?:veel )?ouder uit dan\b",
    ),
)
_PL_APPS = r"(?:snap(?:a|ie|chat\w*)?|insta(?:gram\w*)?|ig|dc|discord\w*|whatsapp\w*|wa|messenger\w*|telegram\w*|tg|priv|pw|pv)"
_PL_SELF_PIC = (  # a picture of the reader: nothing named after it, or the reader, or how or when
    r"(?=\s*(?:$|[^\w\s]|siebie\b|swoj\w*\b|twoj\w*\b|teraz\b|dzis\b|prosze\b|pls\b|plz\b|bez\b|tylko\b|jak\b|chce\b"
    r"|w (?:stroju|mundurku|bieliznie|pi[zż]amie|[lł][oó][zż]ku|pokoju|kapielowym|k[aą]pielowym)\b))"
)
_UK_SELF_PIC = (
    r"(?=\s*(?:$|[^\w\s]|себе\b|свою\b|своє\b|зараз\b|прямо\b|без\b|тільки\b|для мене\b|хочу\b|плз\b|пліз\b|як ти\b"
    r"|[ву] (?:купальнику|білизні|ліжку|кімнаті|піжамі|формі)\b))"
)
OTHER_LANGUAGES += (
    # ---- pl ----
    (
        _S.RAPPORT,
        r"\bdojrza[lł]\w* jak na sw[oó]j wiek\b|\bjeste[sś] (?:(?:bardzo|taka|taki|naprawde|naprawdę|mega) )*(?:wyj[aą]tkow[ay]|inn[ay] ni[zż] wszys\w+|[sś]liczn[ay]|pi[eę]kn[ay])\b"
        r"|\bnigdy nie pozna[lł]\w* nikogo takiego jak ty\b|\bmo[zż]esz mi zaufa[cć]\b|\brozumiem ci[eę] lepiej ni[zż]\b|\bm[aą]drzej ni[zż] (?:moi|doro[sś]li)\b",
    ),
    (
        _S.PROBING,
        r"\bile (?:ty )?masz lat\b|\bile lat masz\b|\bw kt[oó]rej (?:jeste[sś] )?klasie(?: jeste[sś])?\b|\bgdzie mieszkasz\b|\bz jakiego (?:jeste[sś] )?miasta\b"
        r"|\bdo kt[oó]rej szko[lł]y chodzisz\b|\bna jakim osiedlu\b|\bjaki (?:masz|jest tw[oó]j) adres\b|\bjeste[sś] (?:jeszcze )?w podstaw[oó]wce\b",
    ),
    (
        _S.SECRECY,
        r"\bnie m[oó]w (?:o tym |nic |tego |o nas |o mnie |o naszych rozmowach )?(?:nikomu|rodzicom|mamie|tacie|starym|kole[zż]ankom)\b|\bnikomu (?:ani s[lł]owa|nie m[oó]w)\b"
        r"|\b(?:nasz|nasza) (?:ma[lł]y |ma[lł]a )?(?:sekret|tajemnica)\b|\b(?:zostanie|zostaje|zosta[nń]my|zostaw to) (?:tylko )?mi[eę]dzy nami\b|\btylko mi[eę]dzy nami\b"
        r"|\bznikaj[aą]ce wiadomo[sś]ci\b|\busu[nń] (?:ten |nasz[aą]? )?(?:czat|wiadomo[sś]ci|rozmow[eę]|konwersacj[eę])\b"
        r"|\b(?:rodzice|mama|tata|nikt) nie musz?(?:a|ą)? (?:o tym )?wiedzie[cć]\b"
        r"|\bjak (?:kto[sś]|ktos|mama|rodzice) (?:zapyta|spyta)\w*,? to (?:powiedz|m[oó]wisz|m[oó]w) [zż]e (?:jestem|piszesz z) (?:kolega|kole[zż]ank[aą]|kuzyn\w*|trener\w*)\b"
        r"|\bjak komu[sś] powiesz\b",
    ),
    (
        _S.ISOLATION,
        r"\b(?:rodzice|mama|tata|starzy) ci[eę] nie (?:rozumiej[aą]|rozumie|s[lł]uchaj[aą])\b|\btylko ja ci[eę] (?:naprawd[eę] )?rozumiem\b|\bnikt ci[eę] nie rozumie tak jak ja\b"
        r"|\bnie potrzebujesz (?:ich|ich wcale)\b|\bpo co ci oni\b|\b(?:oni|one) ci[eę] nie doceniaj[aą]\b|\bja jestem jedyn[ya] prawdziw\w*\b|\bmasz mnie\b(?! (?:w|we|na|do|za|dodan\w*|zablokowan\w*))"
        r"|\btwoje (?:kole[zż]anki|przyjaci[oó][lł]ki|znajomi)\b[^.!?]{0,15}\b(?:fa[lł]szyw\w*|zazdro[sś]\w*)\b",
    ),
    (
        _S.ALONE_CHECK,
        r"\bjeste[sś] (?:teraz )?(?:sama|sam)(?: w domu)?\b(?! (?:w (?:dru[zż]ynie|teamie|squadzie)|na (?:serwerze|mapie)))|\bczy kto[sś] jest (?:w domu|z tob[aą])\b"
        r"|\b(?:rodzice|mama|tata) (?:s[aą]|jest) (?:teraz )?w domu\b|\b(?:kiedy|o kt[oó]rej) wraca(?:j[aą])? (?:rodzice|mama|tata|starzy)\b|\bdo kt[oó]rej pracuj[aą]\b"
        r"|\bwoln[aą] chat[aeę]\b|\b(?:rodzice|mama|tata) (?:sprawdzaj[aą]|sprawdza|czytaj[aą]|czyta|przegl[aą]da\w*) (?:ci )?(?:tw[oó]j |twoje )?(?:telefon|wiadomo[sś]ci|czaty)\b"
        r"|\bkontrol\w* rodzicielsk\w*\b|\bjak (?:rodzice|mama|tata) (?:p[oó]jd[aą]|p[oó]jdzie) spa[cć]\b|\bjak (?:rodzice|mama|tata) za[sś]n[aą]\b|\btwoja mama (?:teraz )?[sś]pi\b",
    ),
    (
        _S.PRIVATE_APP,
        rf"\bdodaj mnie (?:na|w|do) {_PL_APPS}\b|\b(?:napisz|pisz|odezwij si[eę]) (?:do mnie )?na {_PL_APPS}\b"
        rf"|\bdaj (?:mi )?(?:sw[oó]j |swojego |swoje )?(?:snapa|numer|nr|insta|nick na \w+|telefon)\b|\bjaki masz (?:nick na )?(?:snap\w*|insta\w*|numer)\b|\bmasz (?:snapa|insta|ig|whatsappa|telegrama)\b"
        rf"|\b(?:przejd[zź]my|pogadajmy|piszmy|przenie[sś]my si[eę]) na {_PL_APPS}\b|\bza[lł][oó][zż] (?:nowe|drugie) konto\b",
    ),
    (
        _S.GIFTS,
        rf"\b(?:kupi[eę]|dam|wy[sś]l[eę]|do[lł]aduj[eę]|przelej[eę]|podaruj[eę]|kupie) ci\b(?: (?:tego|te|jakie[sś]|\d+))? (?:{_CURRENCY_ANY}|robux\w*|skin\w*|v-?dolc\w*|vbucks\w*|paysafecard\w*|doładowanie|do[lł]adowanie|konto|\d+ ?z[lł]|telefon|kas[eę])"
        rf"|\bmog[eę] ci (?:kupi[cć]|do[lł]adowa[cć]|da[cć]|wys[lł]a[cć]|przela[cć]) (?:{_CURRENCY_ANY}|robux\w*|skin\w*|v-?dolc\w*|vbucks\w*|konto|\d+ ?z[lł]|telefon)|\bchcesz (?:\d+ )?(?:robux\w*|v-?dolc\w*|vbucks\w*|skin\w*)\?|\bdarmowe (?:robux\w*|vbucks\w*|v-?dolc\w*)\b",
    ),
    (
        _S.IMAGE_REQUEST,
        rf"\b(?:wy[sś]lij|wy[sś]lesz|prze[sś]lij|podeślij|pode[sś]lij|zr[oó]b)(?: mi)?(?: sobie)? (?:jakie[sś] |jeszcze )?(?:zdj[eę]cie|zdjecie|fotk[eę]|foto|fot[eę]|selfie|selfiaka|fotki|zdj[eę]cia)\b{_PL_SELF_PIC}"
        rf"|\b(?:wy[sś]lij|prze[sś]lij|pode[sś]lij|poka[zż])(?: mi)? (?:swoje|swoj[aą]|twoje) (?:zdj[eę]ci\w*|fotk\w*|foto|selfie)\b"
        rf"|\bpoka[zż] (?:mi )?(?:si[eę]|siebie|sw[oó]j pok[oó]j|swoje cia[lł]o)\b|\bw[lł][aą]cz (?:kamerk[eę]|kamer[eę])\b|\bjak wygl[aą]dasz\b",
    ),
    (
        _S.MEETING,
        r"\b(?:spotkajmy si[eę]|si[eę] spotkamy|spotka[cć] si[eę]|pozna[cć])\b[^.!?]{0,25}\b(?:na [zż]ywo|w realu|sami|we dwoje|tylko my|[zż]eby nikt)\b"
        r"|\bprzyjad[eę] po ciebie\b|\bodbior[eę] ci[eę]\b|\bpowiedz (?:mamie|rodzicom|tacie) [zż]e idziesz do kole[zż]anki\b",
    ),
    (
        _S.SEXUALISATION,
        r"\bca[lł]owa[lł]a[sś] si[eę]\b|\bczy (?:ju[zż] )?si[eę] ca[lł]owa[lł]a[sś]\b|\bjeste[sś] (?:jeszcze )?dziewic[aą]\b|\bco masz (?:teraz )?na sobie\b|\bjeste[sś] (?:taka )?seksown[aey]\b"
        r"|\b(?:jeste[sś]|chodzisz|siedzisz|wygl[aą]dasz|poka[zż] si[eę]|zr[oó]b|wy[sś]lij|prze[sś]lij|pode[sś]lij)\b[^.!?]{0,20}\bw (?:bieli[zź]nie|majtkach|staniku|stroju k[aą]pielowym)\b|\bcia[lł]o jak na sw[oó]j wiek\b|\bgdyby[sś] by[lł]a starsza\b|\bwygl[aą]dasz na (?:1[6-9]|osiemna[sś]cie)\b",
    ),
    # ---- uk (with the Russian forms Ukrainian children's chat mixes in) ----
    (
        _S.RAPPORT,
        r"\bдоросл\w* для свого віку\b|\bвзросл\w* для своего возраста\b|\bти (?:(?:така|такий|дуже|справді) )*(?:особлива|особливий)\b|\bты (?:(?:такая|очень) )*особенн\w*\b"
        r"|\bне така як (?:усі|всі|інші)\b|\bніколи не зустрічав (?:таку|такого|нікого) як ти\b|\bможеш мені довіряти\b|\bможешь мне доверять\b|\bрозумію тебе краще\b|\b(?:ти|ты) (?:(?:така|такая|дуже|очень) )*(?:гарна|красива|красуня|красотка|красивая)\b",
    ),
    (
        _S.PROBING,
        r"\bскільки тобі (?:років|рокiв|лет)\b|\b(?:скільки|скока) тобі\s?\?|\bсколько тебе (?:лет\b|\?)|\bв якому (?:ти )?класі\b|\bв каком (?:ты )?классе\b"
        r"|\bде (?:ти )?живеш\b|\bгде (?:ты )?живешь\b|\bв якій школі\b|\bв какой школе\b|\bз якого (?:ти )?міста\b|\bякий ліцей\b",
    ),
    (
        _S.SECRECY,
        r"\bне кажи (?:нікому|батькам|мамі|татові|нічого)\b|\bнікому не кажи\b|\bне розповідай (?:нікому|батькам|мамі|татові)\b|\bнікому ні слова\b|\bникому не (?:говори|рассказывай)\b"
        r"|\bнаш (?:маленький )?секрет\b|\bнаша (?:маленька )?таємниця\b|\b(?:це|хай|нехай|все|усе) (?:залишиться |лишиться |буде )?(?:тільки )?між нами\b|\bтільки між нами\b|\b(?:это|пусть|все) (?:останется |будет )?(?:только )?между нами\b"
        r"|\b(?:видаляй|видали|почисти|стирай|зітри|удаляй|удали|сотри)\b[^.!?]{0,12}\b(?:переписку|листування|чат|повідомлення|сообщения)\b"
        r"|\bбатькам (?:не треба|не обов['’]?язково|не потрібно) (?:про це )?знати\b|\bніхто не (?:має|повинен|мусить) (?:про це )?знати\b|\bникто не должен знать\b"
        r"|\bперейменуй мене\b|\bзникаючі повідомлення\b|\bякщо (?:хтось|мама|батьки) (?:спитає|запитає|спитають),? (?:скажи|кажи),? (?:що|шо) я\b",
    ),
    (
        _S.ISOLATION,
        r"\b(?:батьки|мама|тато) тебе не розуміють?\b|\bтільки я тебе (?:по-справжньому |справді )?розумію\b|\bтолько я тебя понимаю\b|\bніхто тебе не розуміє так як я\b"
        r"|\bнащо тобі (?:ті|вони|вони всі)\b|\bвони (?:тебе )?не цінують\b|\bтебе не цінують\b|\b(?:в|у) тебе є я\b|\bу тебя есть я\b|\bінші того не варті\b"
        r"|\bтвої (?:подружки|друзі|однокласники)\b[^.!?]{0,15}\b(?:фальшив\w*|заздрять|не цінують)\b",
    ),
    (
        _S.ALONE_CHECK,
        r"\b(?:ти|ты) (?:зараз|сейчас) (?:сама|одна|сам|один)\b|\b(?:ти|ты) (?:сама|одна|сам|один) (?:вдома|дома)\b|\b(?:ти|ты) (?:вдома|дома) (?:сама|одна|сам|один)\b|\b(?:ти|ты) (?:сама|одна)\s?\?"
        r"|\bхтось (?:є )?вдома\b|\bбатьки (?:зараз )?вдома\b|\b(?:коли|о котрій|во сколько) (?:прийдуть|повертаються|приходить|приходять|придут|вернутся) (?:батьки|мама|тато|родители)\b"
        r"|\b(?:мама|тато|батьки) о котрій\b|\b(?:батьки|мама|тато) (?:перевіряють|перевіряє|читають|читає|дивляться) (?:твій |твої )?(?:телефон|повідомлення|переписку)\b|\bвечорами ти одна\b|\bколи (?:батьки|мама|тато|родители) (?:сплять|спить|заснуть|засне|підуть|піде|уснут)\b",
    ),
    (
        _S.PRIVATE_APP,
        rf"\bдодай мене (?:в|у|на) {_APPS_ANY}|\b(?:напиши|пиши|напишіть)(?: мені| мне)? (?:в|у|на) (?:{_APPS_ANY}|лс|лічку|личку|директ|особисті)"
        rf"|\b(?:дай|скинь|кинь)(?: мені| мне)? (?:свій |свой )?(?:{_APPS_ANY}|номер|нік|ник)\b|\b(?:в|у) тебе (?:є )?{_APPS_ANY}\s?\?|\bє {_APPS_ANY}\s?\?"
        rf"|\b(?:перейдемо|перейдем|переходимо|давай) (?:в|у|на) (?:{_APPS_ANY}|лс|особисті|личку)|\bв іншій апці\b",
    ),
    (
        _S.GIFTS,
        r"\b(?:куплю|задоначу|подарую|відправлю|надішлю|подарю)(?: тобі| тебе)\b[^.!?]{0,20}?(?:робукс\w*|вбакс\w*|в-бакс\w*|гем\w*|скін\w*|скин\w*|айфон\w*|телефон\w*|навушник\w*|пропуск|батл ?пас|донат\w*|\d+ ?грн)"
        r"|\b(?:кину|закину|скину)(?: тобі| тебе)\b[^.!?]{0,20}?(?:робукс\w*|вбакс\w*|гем\w*|на кишенькові)|\bхочеш (?:\d+ )?(?:робукс\w*|вбакс\w*|гем\w*)\b|\bбезкоштовн\w* (?:робукс\w*|вбакс\w*)|\b(?:тобі|тебе) (?:новий |нові |нову )?(?:айфон\w*|телефон\w*|навушник\w*|робукс\w*|скін\w*) (?:куплю|подарую|відправлю|надішлю)\b",
    ),
    (
        _S.IMAGE_REQUEST,
        rf"\b(?:скинь|надішли|кинь|відправ|пришли|скиньте|зроби|сделай)(?: мені| мне)?(?: своє| свою| твоє)? (?:фото|фотку|фоточку|фотографію|селфі|селфи|відео)\b{_UK_SELF_PIC}"
        rf"|\b(?:увімкни|включи|вруби) (?:камеру|вебку|вебкамеру)\b|\bпокажи (?:себе|свою кімнату|своє тіло|мені себе)\b|\bяк ти виглядаєш\b|\bкак ты выглядишь\b|\bдавай відеодзвінок\b",
    ),
    (
        _S.MEETING,
        r"\b(?:давай )?(?:зустрінемось|зустрінемося|побачимось|зустрітися|встретимся|увидимся)\b[^.!?]{0,25}\b(?:наживо|в реалі|сам на сам|удвох|щоб ніхто|тільки ми|вживую)\b"
        r"|\bможу заїхати за тобою\b|\bзаберу тебе (?:після уроків|зі школи|з школи|на машині)\b|\bприїжджай до мене\b|\bбатькам скажеш,? (?:що|шо) (?:ти )?(?:з класом|[ву] подруги|з подругою|[ву] друга|з другом)",
    ),
    (
        _S.SEXUALISATION,
        r"\b(?:ти|ты) вже (?:цілувал\w*|займал\w*)\b|\bты уже целовал\w*\b|\b(?:ти|ты) (?:ще |ещё |еще )?(?:незайман\w*|девственниц\w*)\b|\bщо на тобі (?:зараз )?(?:одягнуто|вдягнуто)\b|\bщо ти (?:зараз )?(?:вдягла|одягла)\b"
        r"|\b(?:ти|ты) (?:така )?(?:сексуальн\w*)\b|\bв (?:білизні|трусиках|ліфчику|купальнику)\b|\bфігура як у доросл\w*\b|\bякби (?:ти )?була (?:трохи )?старш\w*\b",
    ),
)


# Where a meeting is set up, the signs that it is kept from others (issues 22, 23): the reader asked to
# come alone or to bring no one (feminine or genderless forms: a masculine "viens seul" is a fight
# challenge, read by the threat rules), told that no one needs to know, or told what to tell their
# parents instead ("ai tuoi dici che vai in biblioteca", "rodzicom powiedz że idziesz do koleżanki").
MEETING_SECRECY: tuple[tuple[GroomingStage, str], ...] = (
    (  # not a question of who comes ("vienes sola o con tu hermana?")
        _S.ISOLATION,
        r"(?:\bviens (?:toute )?seule\b|\b(?:ne )?ram[eè]ne personne\b|\bsans (?:tes|ta) (?:copines|amies|parents|m[eè]re)\b"
        r"|\bkomm (?:bitte |aber |lieber )?allein(?:e)?\b|\bbring (?:keinen|keine|niemanden) mit\b"
        r"|\b(?:ven|vienes|vente|vengas) sola\b|\bno traigas a nadie\b|\bsin tus (?:amigas|padres)\b"
        r"|\b(?:vieni|venire) (?:da )?sola\b|\bnon portare nessuno\b|\bsenza (?:le tue amiche|i tuoi)\b"
        r"|\b(?:vem|vens|vieres|venhas|vir) sozinha\b|\bn[aã]o (?:tragas|traz|traga) ningu[eé]m\b"
        r"|\bkom (?:wel |maar )?alleen\b|\bneem niemand mee\b|\bzonder (?:je|jouw) vriendinnen\b"
        r"|\bprzyjd[zź] sama\b|\bnikogo (?:ze sob[aą] )?nie bierz\b|\bbez kole[zż]anek\b"
        r"|(?<!\w)(?:приходь|приїжджай|приходи) (?:сама|одна)(?!\w)|(?<!\w)нікого (?:з собою )?не бери(?!\w)|(?<!\w)без подруг(?!\w))"
        r"(?!\s*\?|\s+(?:o|ou|oder|of|lub|or|чи|або)(?!\w))",
    ),
    (
        _S.SECRECY,
        r"\bpas besoin de le dire\b|\b(?:dis|dit|di) (?:[aà] )?(?:tes parents|ta m[eè]re|ton p[eè]re|tes darons) (?:que |qu['’]?)(?:tu|t['’]?)"
        r"|\b(?:muss|braucht?) (?:das )?(?:keiner|niemand) (?:zu )?wissen\b|\b(?:sag|erzähl|erzaehl) (?:deinen eltern|deiner mutter|deinem vater|deiner mama|deinem papa),? (?:dass |du )"
        r"|\bno hace falta (?:q|que|k) (?:lo sepa nadie|se lo digas a nadie|lo digas)\b|\bnadie tiene (?:q|que|k) saberlo\b"
        r"|\b(?:a tus padres|a tu madre|a tu padre) (?:diles|dile|les dices|le dices) (?:q|que|k)\b"
        r"|\b(?:nn|non) c['’ ]?[eè] bisogno di dirlo\b|\bnessuno deve saperlo\b|\b(?:ai tuoi(?: genitori)?|a tua madre|a tuo padre) (?:dici|di|d[iì]|racconti) che\b"
        r"|\bningu[eé]m precisa (?:de )?saber\b|\b(?:aos teus(?: pais)?|pros teus pais|aos seus pais|[aà] tua m[aã]e|pra tua m[aã]e) (?:diz|dizes|fala|falas|conta) que\b"
        r"|\bhoeft niemand (?:het |dit |dat )?te weten\b|\bzeg het (?:maar )?tegen niemand\b|\b(?:tegen )?je (?:ouders|moeder|vader) (?:zeg je|zeg) (?:maar |gewoon )?dat\b"
        r"|\bnikt nie musi (?:o tym )?wiedzie[cć]\b|\b(?:rodzicom|mamie|tacie) powiedz,? (?:[zż]e|ze)\b"
        r"|(?<!\w)батькам (?:нічого не кажи|скажеш|скажи)(?!\w)|(?<!\w)ніхто не (?:повинен|має) (?:про це )?знати(?!\w)",
    ),
)
"""The signs that a meeting is kept from others, in the eight languages (see :mod:`safechat.detect.grooming`
for English)."""
