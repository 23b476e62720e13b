"""The explicit phrases of :mod:`safechat.detect.harm` in the multilingual bundle's children's chat
languages (issue 23): telling someone to kill themselves (``bullying.kys``), shutting the reader
out (``bullying.exclusion``), threats of violence (``threat.violence``, veiled ones too: "tu vas le
regretter crois-moi", "nie wiesz z kim zadzierasz"), threats against a school
(``threat.school_attack``, also a place of the school beside a bomb, a fire, coming in armed or a
list) and asking for sexual talk, sex or nudes (``sexual.solicitation``), in French, German,
Spanish, Italian, Portuguese (Portugal and Brazil), Dutch, Polish and Ukrainian.

Written as children write in games and chats (no accents, "q", "xq", "k", "nn", "pq", "vc",
"mdr", "xd"), one pattern per language per rule, WITHOUT A NATIVE SPEAKER'S REVIEW: checked on
the ``dev`` lines of ``devsets/childchat-multi`` only.

These rules act on their own (a bullying rule alone blocks for under-13s), so what looks like them
and is not is left out here, not left to the model:

- :func:`unless_told_of`: a hit in a message that quotes the words ("no le digas 'matate' a
  nadie"), tells of them being said to the writer ("me dicen q me mate") or objects to them
  ("eso no se dice") is dropped; the context rules then offer help where a child tells of harm.
- :func:`unless_play`: a threat in a message that names a game, a round or a match, or laughs
  ("te voy a matar en el fortnite jaja", "je vais te tuer a la prochaine manche", "ich bring dich
  um wenn du wieder campst lol") is dropped, unless the message also speaks of the real world (a
  weapon, after school, where the reader lives, "irl").
"""

from __future__ import annotations

import re

from safechat.detect.base import APOSTROPHE as _AP
from safechat.detect.base import PatternGroup, RuleHit, compile_patterns, run_patterns
from safechat.types import Label

# Not "um 8" ("ich bring dich um 8 zur schule": a lift, not a death).
_NOT_A_TIME = r"(?!\s*(?:\d|halb|viertel|punkt|mitternacht|eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf)\b)"
# Adverbs that may sit between "I'll ... you" and the verb ("ik ga je zo hard slaan", "ich mach dich echt fertig").
_DE_ADV = r"(?:(?:doch|einfach|echt|so|morgen|heute|noch|richtig|komplett|sowas von|gleich|jetzt) )*"
_NL_ADV = r"(?:(?:echt|zo|zo hard|gwn|gewoon|helemaal|nog|even|morgen|straks|vandaag|keihard|zometeen) )*"

_KYS = (
    # fr: "va te pendre", "tue toi", "suicide-toi", "personne te regretterait si tu crevais"
    rf"\b(?:va|vas|allez) (?:te|vous) (?:pendre|suicider|tuer|jeter (?:d{_AP}un pont|par la fen[eê]tre|sous un (?:train|bus))"
    rf"|foutre en l{_AP}air|faire foutre en l{_AP}air)\b"
    r"|\b(?<!il )(?<!elle )(?<!on )(?<!ça )(?<!ca )(?<!qui )(?<!je )(?<!jvais )(?:va|vas) (?:mourir|crever)\b(?! de )"
    r"|\b(?:tue|pends|suicide|jette)[- ]toi\b|\bsupprime (?:ta vie|toi de (?:la|ce) (?:terre|monde)|(?:ton compte|le jeu|ton jeu) et ta vie)\b"
    rf"|\b(?:tu devrais|tu ferais mieux de|t{_AP}as qu{_AP}[aà]|ta ka|tas ka) (?:te (?:tuer|pendre|suicider)|mourir|crever)\b"
    rf"|\bpersonne (?:ne )?(?:te regretterait|te pleurerait|remarquerait) si tu (?:mourais|crevais|disparaissais|te tuais)\b"
    r"|\b(?:rends|fais) (?:service|plaisir|une faveur) (?:[aà] tout le monde|au monde|[aà] (?:la )?terre enti[eè]re|nous)"
    r" et (?:cr[eè]ve|meurs|disparais|suicide[- ]toi|tue[- ]toi)\b",
    # de: "geh sterben", "bring dich um", "lösch dich", "häng dich auf", "an deiner stelle würd ich mich umbringen"
    r"\bgeh (?:doch |einfach |endlich |mal )?(?:sterben|verrecken|dich (?:umbringen|erhängen|aufhängen|töten)"
    r"|von (?:der|ner|einer) brücke springen|vor (?:den|nen|einen) zug)\b"
    rf"|(?<!ich )(?<!i )\bbring dich (?:doch |einfach |endlich |mal |halt |bitte )?um\b(?! (?:wenn|falls)\b){_NOT_A_TIME}"
    r"|\b(?:lösch|loesch) dich(?: (?:einfach|doch|mal|bitte|endlich|du))?\b|\b(?:häng|haeng|erhäng|erhaeng) dich (?:doch |einfach |endlich )?(?:auf\b|!|$)"
    r"|\bstirb (?:doch|einfach|endlich|halt|bitte)\b|\bverreck (?:doch|einfach|endlich)\b"
    r"|\ban deiner stelle (?:würd|würde|wuerde|wuerd) ich mich (?:umbringen|erhängen|aufhängen)\b"
    r"|\b(?:würd|würde|wuerde|wuerd) (?:ich )?mich an deiner stelle (?:umbringen|erhängen|aufhängen)\b"
    r"|\bdu solltest (?:dich (?:einfach |echt )?(?:umbringen|erhängen|töten)|(?:einfach |echt )?sterben)\b"
    r"|\b(?:niemand|keiner) (?:würde|wuerde|würd) dich vermissen\b|\bdie welt wäre besser ohne dich\b"
    r"|\btu (?:uns|allen|der welt) (?:einen|nen) gefallen und (?:stirb|bring dich um|lösch dich|verschwinde für immer)\b",
    # es: "matate", "vete a morir", "tirate x la ventana", "ojala te mueras", "nadie te echaria de menos si te murieras"
    r"\bm[aá]tate\b|\bsuic[ií]date\b|\b(?:ah[oó]rcate|cu[eé]lgate)\b|\bdesv[ií]vete\b"
    r"|\bmu[eé]rete\b(?! de (?:envidia|risa|celos|ganas|verg[uü]enza))"
    r"|\b(?:vete|ve|andate|and[aá]te|anda y vete) a (?:morir|morirte|matarte|suicidarte)\b"
    r"|\bt[ií]rate (?:por|x|de|desde|a) (?:la|una|un|el) (?:ventana|puente|balc[oó]n|edificio|azotea|tren|v[ií]as?)\b"
    r"|\bojal[aá] (?:te (?:mueras|murieras|muerieras|mates|suicides)|(?:q|que|k) te (?:mueras|murieras|mates|suicides))\b"
    r"|\b(?:deber[ií]as|tendr[ií]as q(?:ue)?) (?:matarte|morirte|suicidarte|ahorcarte|tirarte (?:por|x|de) \w+ \w+)\b"
    r"|\bnadie (?:te )?(?:echar[ií]a de menos|extra[nñ]ar[ií]a|llorar[ií]a)\b[^.!?\n]{0,20}\bsi te (?:mueres|murieras|matas|mataras|suicidas)\b"
    r"|\bhaz(?:le)? un favor al mundo y (?:mu[eé]rete|m[aá]tate|desaparece|suic[ií]date)\b",
    # it: "ammazzati", "ucciditi", "buttati da un ponte", "vai a morire", "nessuno ti piangerebbe"
    r"\b(?:ammazzati|ucciditi|impiccati|suicidati|sgozzati)\b|\b(?:amm\*zzati|ucc\*diti)"
    r"|\b(?:buttati|lanciati|gettati|tirati) (?:gi[uù] )?(?:da|dal|dalla|dallo|sotto) (?:un|una|il|la|lo|al|alla)? ?(?:ponte|finestra|balcone|b@lcone|treno|palazzo|tetto|dirupo)\b"
    r"|\b(?:vai|va) a (?:morire|morì|morì ammazzat\w+|ucciderti|impiccarti|buttarti)\b|(?<!una )(?<!la )(?<!le )\bcrepa\b(?! di)"
    r"|\bm[u*]ori (?:sfigat|coglion|stronz|bastard|fallit|idiot|scem|merd|cess)\w*"
    r"|\b(?:perch[eé]|xk|xke|xch[eè]|pk|pq) (?:non|nn) ti (?:butti|ammazzi|uccidi|impicchi)\b"
    r"|\b(?:nessuno|nessun(?:o)? al mondo) (?:ti )?(?:piangerebbe|sentirebbe la tua mancanza|ti rimpiangerebbe)\b"
    r"|\bspero (?:che|ke|k) (?:tu )?(?:muoia|crepi|ti ammazzi|ti uccida)\b|\btogliti la vita\b|\btagliati le vene\b"
    r"|\bfai un favore (?:al mondo|a tutti) e (?:sparisci|muori|ammazzati|buttati|ucciditi)\b",
    # pt: "se mata", "mata-te", "vai se matar", "se joga da ponte", "ainda nao se matou", "ninguem ia sentir a tua falta se te matasses"
    r"\bmata[- ]te\b|\bvai[- ](?:se|te) matar\b|\bvai morrer longe\b|\bsuicida[- ]te\b|\bse suicida\b(?! (?:no|na)\b)"
    r"|(?<!\bele )(?<!\bela )(?<!\bque )(?<!\bq )(?<!\bquem )(?<!\bnao )(?<!\bnão )\bse mata\b(?! (?:de|o|a|os|as|um|uma|ele|ela|tudo|todos|no|na|em|por|pra|para)\b)"
    r"|\b(?:se joga|se atira|atira[- ]te|joga[- ]te|enforca[- ]te|se enforca)\b(?: (?:da|de|duma|de uma|do|pela|na|no) (?:ponte|janela|pr[eé]dio|varanda|telhado|comboio|trem|linha))?"
    r"|\bainda (?:n[aã]o|n) (?:se matou|te mataste|morreu)\b|\b(?:devias|devia|deveria|deverias) (?:se matar|te matar|matar-te|morrer|sumir do mundo)\b"
    r"|\b(?:ningu[eé]m|ngm) (?:ia|iria|vai) (?:sentir (?:a )?(?:tua|sua) falta|chorar|ligar|perceber)\b[^.!?\n]{0,15}\bse (?:te matasses|morresses|vc morresse|voc[eê] morresse|vc se matasse|voc[eê] se matasse|tu morresses|morresse)\b"
    r"|\bfaz um favor (?:pro|ao|para o|pra) mundo e (?:some|morre|se mata|mata-te|desaparece)\b|\bmorre logo\b",
    # nl: "ga dood", "maak jezelf van kant", "spring van het dak", "niemand zou je missen als je dood was"
    r"(?<!ik )(?<!we )(?<!wij )(?<!hij )(?<!zij )(?<!ze )(?<!je )(?<!jij )\bga (?:(?:toch|gwn|gewoon|maar|lekker|nou|alsjeblieft|aub) )*dood\b(?! (?:van|aan|door|in|bij)\b)"
    r"|\bmaak (?:jezelf|jij jezelf|je zelf) (?:van kant|dood)\b|\bpleeg (?:toch |gwn |gewoon |maar )?zelfmoord\b|\bhang (?:jezelf|je) (?:toch |gwn |gewoon |maar )?op\b"
    r"|\bspring (?:toch |gwn |gewoon |maar )?(?:van|voor|onder|uit) (?:het|de|een) (?:dak|trein|brug|flat|raam)\b"
    r"|\b(?:niemand|geen mens) (?:zou|gaat) je (?:missen|huilen)\b[^.!?\n]{0,25}\b(?:als|wanneer) je (?:dood|weg|er niet meer)\b"
    r"|\b(?:jij|je) (?:moet|mag) (?:gwn |gewoon |echt )?dood\b|\bsterf (?:toch|gwn|gewoon|maar|nou)\b|\bga je (?:toch |gwn |gewoon )?ophangen\b",
    # pl: "zabij sie", "idz sie zabij", "powies sie", "skocz z mostu", "nikt by nie plakal gdybys sie zabil"
    r"(?<!nie )\b(?:id[zź] (?:si[eę] )?)?zabij si[eę]\b|\b(?:id[zź] )?si[eę] zabij\b|\bpowie[sś] si[eę]\b|\bpowiesz si[eę] w ko[nń]cu\b"
    r"|\b(?:zdechnij|zdychaj|umrzyj|umieraj)\b|\bskocz (?:z|pod) (?:mostu|okna|dachu|bloku|balkonu|poci[aą]g)\b|\bid[zź] pod poci[aą]g\b"
    r"|\bnikt by (?:nawet )?(?:nie )?(?:p[lł]aka[lł]|t[eę]skni[lł]|zauwa[zż]y[lł]|za tob[aą] nie t[eę]skni[lł])\b[^.!?\n]{0,20}\bgdyby[sś] (?:si[eę] zabi[lł]a?|umar[lł]a?|zdech[lł]a?|znikn[aą][lł]a?)\b"
    r"|\bzr[oó]b (?:wszystkim|[sś]wiatu|nam) przys[lł]ug[eę] i (?:si[eę] zabij|zabij si[eę]|zdechnij|umrzyj|zniknij|si[eę] powie[sś]|si[eę] unalive)\b"
    r"|\bpodetnij sobie (?:[zż]y[lł]y|gard[lł]o)\b|\bstrzel sobie w (?:[lł]eb|g[lł]ow[eę])\b",
    # uk: "вбийся", "здохни", "повісься", "піди вбийся", "ніхто не помітить якщо ти зникнеш"
    r"(?<!\w)(?:вбийся|убийся|убейся|здохни|сдохни|повісься|повесься|вмри|помри|вбий себе|убий себе|роскомнадзорся|самовипились)(?!\w)"
    r"|(?:стрибни|стрибай|скочи|викинься) (?:з|із|зі|під) (?:мосту|даху|вікна|балкону|поїзд)"
    r"|ніхто (?:не )?(?:помітить|сумуватиме|заплаче|плакатиме)[ ,]*(?:якщо|коли|як) ти (?:зникнеш|помреш|здохнеш|вмреш|вб['ʼ’]єшся)",
)

_EXCLUSION = (
    # fr: "personne t'aime", "tout le monde te deteste", "t'es pas invitee", "degage du groupe"
    rf"\bpersonne (?:ne )?(?:t{_AP}(?:aime|invite|appr[eé]cie)|te (?:supporte|veut|calcule|kiffe|parle plus))\b"
    r"|\b(?:tout le monde|toute la classe|tlm|tous le monde|on) te (?:d[eé]teste|hait|d[eé]testent|ha[iï]ssent|d[eé]teste tous|hait tous)\b"
    rf"|\bpersonne (?:ne )?veut (?:jouer|parler|tra[iî]ner|[eê]tre|rester|s{_AP}asseoir) avec (?:toi|lui|elle)\b"
    rf"|\b(?:t{_AP}as|ta|tu as|tu n{_AP}as) (?:pas|aucun|0|z[eé]ro) (?:d{_AP}amis?|ami|pote|potes|de potes|amis)\b"
    rf"|\b(?:t{_AP}es|tes|tu es|t{_AP}etais|tu n{_AP}es) (?:pas|plus|jamais) (?:invit[eé]e?|le bienvenu|la bienvenue|des n[oô]tres)\b"
    r"|\bon (?:ne )?veut (?:pas|plus) de toi\b|\b(?:d[eé]gage|casse[- ]toi|barre[- ]toi|sors) (?:du|de ce|de notre) (?:groupe|serveur|serv|chat|squad|gc|grp)\b"
    rf"|\bpersonne (?:ne )?(?:parle|parlez|r[eé]pond|s{_AP}assoit|s{_AP}assied) (?:[aà]|avec) (?:lui|elle|\w+)\b[^.!?\n]{{0,40}}\b(?:demain|m[eê]me pas|on fait comme|ok|valid[eé])"
    rf"|\bon (?:la|le) laisse (?:tout )?seule?\b|\bon (?:l{_AP}|la |le )invite pas\b"
    rf"|\b(?:nouveau|autre) (?:groupe|serveur|gc|grp) sans (?:lui|elle|\w+)\b|\b(?:virez|vire|kick|kickez|ejectez) (?:le|la|l{_AP}|\w+) du (?:groupe|serveur|grp|gc)\b",
    # de: "niemand mag dich", "alle hassen dich", "du bist nicht eingeladen", "neue gruppe ohne jonas"
    r"\b(?:niemand|keiner|keine sau|kein mensch) (?:mag|will|braucht|vermisst|liebt) dich\b"
    r"|\b(?:alle|jeder|wir alle|die ganze klasse|alle hier) (?:hier )?(?:hassen|hasst) dich\b|\bwir hassen dich\b"
    r"|\b(?:niemand|keiner) (?:will|möchte|moechte) (?:mit dir|neben dir|dich) (?:spielen|reden|befreundet|abhängen|sitzen|dabei|hier)\b"
    r"|\bdu hast (?:keine|null|0) (?:freunde|freundinnen)\b|\bdu bist (?:hier )?(?:nicht|nich|net) (?:eingeladen|erwünscht|willkommen)\b"
    r"|\bwir wollen dich (?:hier )?(?:nicht|nich|net) (?:hier|dabei|in der gruppe|mehr)\b|\b(?:verpiss|verzieh) dich aus (?:der|unserer) (?:gruppe|klasse|runde)\b"
    r"|\b(?:neue|andere|eigene) gruppe ohne (?:ihn|sie|\w+)\b|\baus der gruppe (?:kicken|werfen|schmeißen|schmeissen|entfernen)\b|\b(?:kick|kickt|werft|schmeißt) (?:ihn|sie|\w+) aus der gruppe\b"
    r"|\bab jetzt ignorieren wir (?:ihn|sie)\b|\bignorieren wir (?:ihn|sie) (?:alle|ab jetzt)\b|\b(?:niemand|keiner) setzt sich (?:morgen |mehr )?(?:neben|zu) (?:ihm|ihr|\w+)\b"
    r"|\bredet (?:nicht mehr|nie mehr|kein wort mehr) mit (?:ihm|ihr)\b"
    r"|\blasst (?:ihn|sie|die|den) nicht mehr (?:auf den server|in die gruppe|mitspielen|rein)\b",
    # es: "nadie te quiere", "todos te odian", "vete del grupo", "nadie se sienta con el", "no estas invitada"
    r"\bnadie te (?:quiere|soporta|aguanta|traga|invit[oó]|ha invitado|necesita|echa de menos)\b"
    r"|\b(?:todos|todo el mundo|toda la clase|tol mundo) te (?:odia|odian|odiamos|odiam)\b|\bte odiamos todos\b"
    r"|\bnadie quiere (?:jugar|hablar|estar|juntarse|sentarse|ir) contigo\b|\b(?:no tienes|no tienes ni|no tenes) (?:amigos|amigas|ni un amigo)\b"
    r"|\bno (?:eres|sos) bienvenid[oa]\b|\bno (?:est[aá]s|estas) invitad[oa]\b|\bno te queremos (?:aqu[ií]|en el grupo|en el equipo|en clase|cerca)\b"
    r"|\b(?:vete|largate|l[aá]rgate|fuera|sal) (?:del|de este|de nuestro) (?:grupo|server|servidor|chat|equipo|insti|cole|clan)\b"
    r"|\b(?:q|que|k) se (?:vaya|largue|salga) del (?:grupo|server|chat|equipo|insti)\b|\bnadie se sienta con (?:[eé]l|ella|\w+)\b"
    r"|\btodos\b[^.!?\n]{0,30}\bmenos (?:[eé]l|ella|\w+),? (?:ni se os ocurra|no se lo dig\w*|q no se entere|que no se entere)\b"
    r"|\b(?:echad|sacad|banead|quitad|expulsad)(?:le|la|lo)? (?:a \w+ )?del (?:grupo|server|chat|equipo)\b",
    # it: "nessuno ti vuole", "tutti ti odiano", "nessuno si siede con lei", "esci dal gruppo"
    r"\bnessuno ti (?:vuole|sopporta|caga|ama|invita|ha invitat\w+|cerca)\b|\b(?:nessuno|nessuna) (?:lo|la) vuole\b"
    r"|\b(?:tutti|tutta la classe|tutto il mondo|tutta la scuola) ti (?:odiano|odia|odiamo|schifano|schifa)\b|\bti odiamo tutti\b"
    r"|\bnessuno (?:vuole )?(?:giocare|parlare|stare|uscire|sedersi) con te\b|\b(?:non|nn) hai (?:amici|amiche|nessun amico)\b"
    r"|\b(?:non|nn) sei (?:invitat[oa]|il benvenuto|la benvenuta|ben accett[oa]|gradit[oa])\b|\b(?:non|nn) ti vogliamo\b"
    r"|\b(?:esci|vattene|sparisci|fuori) dal (?:gruppo|server|gruppo classe)\b|\b(?:togliamo|cacciamo|buttiamo fuori|leviamo)(?:lo|la)? (?:\w+ )?dal gruppo\b"
    r"|\bnessuno si siede (?:con|vicino a) (?:lui|lei|\w+)\b|\b(?:non|nn) invitate \w+\b|\blasciamol[oa] (?:da sol[oa]|fuori)\b"
    r"|\b(?:un|nuovo|altro) gruppo senza (?:di )?(?:lui|lei|\w+)\b",
    # pt: "ninguem gosta de vc", "todo mundo te odeia", "nao foi convidada", "bora tirar a carolina do grupo"
    r"\b(?:ningu[eé]m|ngm|nng) (?:gosta de (?:ti|vc|voc[eê]|tu)|te (?:suporta|aguenta|quer|ama|convidou)|(?:a|o) suporta|(?:a|o) aguenta)\b"
    r"|\b(?:todo mundo|toda a gente|td mundo|a turma toda|toda a turma) te odeia\b|\b(?:todos|nos todos|n[oó]s todos) te odiamos\b"
    r"|\b(?:ningu[eé]m|ngm) quer (?:brincar|falar|sentar|andar|ficar|jogar) (?:contigo|com (?:vc|voc[eê]|tu))\b"
    r"|\b(?:n[aã]o|n) (?:tens|tem) (?:amigos|amigas|nenhum amigo)\b|\b(?:vc|voc[eê]|tu) (?:n[aã]o|n) (?:foi|foste|[eé]s|est[aá]s|t[aá]) convidad[ao]\b"
    r"|\b(?:n[aã]o|n) te queremos (?:aqui|no grupo|na equipa|no time)\b|\b(?<!eu )(?<!j[aá] )(?:sai|sai fora|vaza|some) (?:do|desse|deste|da) (?:grupo|gp|server|servidor|turma|equipa|time)\b"
    r"|\b(?:bora|vamos|vamo|vou) (?:tirar|expulsar|remover|banir) (?:o|a) \w+ do (?:grupo|gp|server)\b|\b(?:outro|novo) (?:gp|grupo)\b[^.!?\n]{0,15}\bsem (?:o|a|ele|ela)\b"
    r"|\bquem (?:adicionar|falar com|sentar com|convidar) (?:o|a) \w+[^.!?\n]{0,20}\btamb[eé]m (?:sai|vai sair|leva)\b",
    # nl: "niemand vindt je leuk", "iedereen haat je", "je bent niet uitgenodigd", "niemand nodigt anouk uit"
    r"\b(?:niemand|geen mens|geen een) (?:vindt je leuk|mag je|wil je (?:hier|erbij|in de groep)|moet je hebben)\b"
    r"|\b(?:iedereen|heel de klas|de hele klas|we|wij) (?:haat|haten) je\b|\bwe haten je allemaal\b"
    r"|\b(?:niemand|geen mens) wil (?:met je|met jou) (?:spelen|praten|omgaan|afspreken|zitten)\b|\bje hebt (?:geen|0) (?:vrienden|vriendinnen)\b"
    r"|\bje bent (?:niet|nie) (?:uitgenodigd|welkom|gewenst)\b|\bwe willen je (?:hier )?(?:niet|nie) (?:hier|erbij|in de groep)\b"
    r"|(?<!ik )\b(?:rot|ga|donder) (?:op |maar |toch )?uit (?:de|onze|deze) (?:groep|app|groepsapp|klas)\b|\bniemand nodigt \w+ uit\b"
    r"|\b(?:nieuwe|andere) (?:groep|app|groepsapp) zonder (?:hem|haar|\w+)\b|\b(?:gooi|kick|zet) (?:hem|haar|\w+) uit de (?:groep|app|groepsapp)\b"
    r"|\bwie met \w+ (?:praat|omgaat) (?:hoort|is) (?:ook )?(?:niet meer bij ons|af)\b"
    r"|\bals \w+ [^.!?\n]{0,30}\b(?:komt|gaat) zitten,? gaan we (?:allemaal )?weg\b",
    # pl: "nikt cie nie lubi", "wszyscy cie nienawidza", "nie masz przyjaciol", "nikt nie siada z kacprem"
    r"\bnikt ci[eę] nie (?:lubi|chce|znosi|kocha|zaprasza|potrzebuje)\b|\bniktcienielubi\b"
    r"|\bwszyscy (?:ci[eę] )?(?:nienawidz[aą]|nie znosz[aą]) ci[eę]?\b|\b(?:ca[lł]a klasa|wszyscy) ci[eę] nienawidz[aą]\b"
    r"|\bnikt nie chce (?:z tob[aą]|si[eę] z tob[aą]|siedzie[cć] z tob[aą]|gada[cć] z tob[aą])\b|\bnie masz (?:[zż]adnych )?(?:przyjaci[oó][lł]|koleg[oó]w|kole[zż]anek)\b"
    r"|\bnie jeste[sś] (?:zaproszon[ya]|mile widzian[ya]|jedn[aą] z nas|jednym z nas)\b|\bnie chcemy ci[eę] (?:tu|tutaj|w grupie|w dru[zż]ynie)\b"
    r"|\b(?:wypad|spadaj|won|wypierdalaj|wynocha) z (?:grupy|gr|serwera|klasy|dru[zż]yny)\b|\bwyrzu[cć]my (?:go|j[aą]|\w+) z (?:grupy|gr|serwera)\b"
    r"|\bnikt nie (?:siada|siedzi|gada|rozmawia) z \w+\b|\b(?:zapraszam|zapraszamy) (?:ca[lł][aą] klas[eę]|wszystkich) opr[oó]cz\b",
    # uk: "тебе ніхто не любить", "всі тебе ненавидять", "не сідайте з нею", "всіх крім матвія"
    r"(?:тебе ніхто не|ніхто тебе не) (?:любить|хоче|терпить|кличе|запрошував|поважає)"
    r"|(?:тебе всі|всі тебе|тебе весь клас|весь клас тебе) (?:ненавидять|ненавидить|терпіти не можуть)"
    r"|ніхто не хоче (?:з тобою|дружити з тобою|грати з тобою|сидіти з тобою)|(?:в|у) тебе (?:нема|немає|нема жодних) друзів"
    r"|тебе (?:не|ніхто не) запрошував|(?:вали|геть|вилітай|вимітайся) з (?:групи|чату|серверу|сервера|класу)"
    r"|не сідайте з (?:ним|нею)|(?:кличемо|запрошуємо) всіх крім|граємо без (?:нього|неї)|(?:той|та) теж (?:буде )?в ігнорі",
)

_THREATS = (
    # fr: "je vais te tuer", "je te casse les dents", "je vais te defoncer"
    (
        "threat.violence",
        rf"\b(?:je vais|jvais|j{_AP}vais|je vai|on va) (?:te |t{_AP})(?:tuer|buter|d[eé]foncer|d[eé]monter|frapper|planter|poignarder"
        rf"|massacrer|tabasser|fumer|casser (?:la gueule|les dents|la t[eê]te))\b"
        rf"|\b(?:je te|jte|j{_AP}te) (?:tue|bute|d[eé]fonce|d[eé]monte|plante|tabasse|casse (?:la gueule|les dents|la t[eê]te|les jambes))\b"
        rf"|\bt{_AP}es un homme mort\b"
        rf"|\b(?:demain|ce soir|[aà] la sortie|devant (?:le|la|l{_AP})|apr[eè]s les cours)\b[^.!?\n]{{0,30}}\bt{_AP}es mort\b",
    ),
    # de: "ich bring dich um", "ich mach dich fertig", "ich brech dir die nase"
    (
        "threat.violence",
        rf"\b(?:ich|i|wir) (?:bring|bringe|bringen) dich (?:\w+ ){{0,4}}?um\b{_NOT_A_TIME}(?! (?:\w+ )?zu\b)"
        rf"|\b(?:ich|i|wir) (?:töte|toete|kill|stech|steche|erstech|schlag|schlage|hau|haue) dich {_DE_ADV}"
        rf"(?:ab|tot|zusammen|kaputt|krankenhausreif)\b"
        rf"|\b(?:ich|i|wir) (?:mach|mache|machen) dich {_DE_ADV}(?:fertig|kalt|platt|kaputt)\b"
        rf"|\b(?:ich|i) (?:werde|werd|will) dich {_DE_ADV}(?:umbringen|töten|toeten|abstechen|erstechen|fertigmachen|zusammenschlagen|kaltmachen)\b"
        r"|\b(?:ich|i) (?:brech|breche) dir (?:die|den|alle|deine) (?:nase|knochen|arm|arme|beine|zähne|zaehne|finger)\b"
        r"|\bdu landest im krankenhaus\b|\b(?:brech|breche) ich dir (?:die|den|alle|deine) (?:nase|knochen|arm|arme|beine|zähne|zaehne)\b"
        rf"|\b(?:sonst|dann|und) (?:bring|schlag|mach|hau) ich dich {_DE_ADV}(?:um|tot|fertig|kaputt|zusammen)\b{_NOT_A_TIME}"
        rf"|\bund (?:schlag|hau|stech) dich {_DE_ADV}(?:tot|kaputt|zusammen|ab)\b",
    ),
    # es: "te voy a matar", "te parto la cara", "te pincho"
    (
        "threat.violence",
        r"\bte (?:voy|vamos) a (?:matar|apu[nñ]alar|acuchillar|pegar|reventar|partir la cara|romper la cara|dar una paliza"
        r"|meter una paliza|pinchar|rajar|pegar un tiro|quemar)\b"
        r"|\bte (?:parto|rompo|reviento) (?:la cara|la boca|los dientes|las piernas|el cuello|la crisma)\b"
        r"|\bte (?:pincho|rajo|apu[nñ]alo|mato)\b(?! de (?:risa|hambre))",
    ),
    # it: "ti ammazzo", "ti spacco la faccia", "ti apro la testa"
    (
        "threat.violence",
        r"\bti (?:ammazzo|uccido|accoltello|sgozzo|ammazzer[oò]|uccider[oò]|gonfio|pesto|faccio (?:fuori|a pezzi|nero))\b"
        r"|\bte la (?:faccio|far[oò]) pagare\b|\bti (?:spacco|rompo|apro) (?:la faccia|la testa|il culo|le gambe|i denti|il naso|le ossa)\b",
    ),
    # pt: "vou te matar", "vou-te partir a cara", "eu te pego", "parto-te os dentes"
    (
        "threat.violence",
        r"\b(?:vou|vamos|eu vou|vai) te (?:matar|bater|espancar|esfaquear|furar|arrebentar|quebrar|dar um tiro|dar uma surra"
        r"|encher de porrada)\b"
        r"|\bvou-te (?:matar|bater|partir|espancar|esfaquear|furar)\b|\beu te (?:mato|pego|furo|esfaqueio|arrebento)\b"
        r"|\bte (?:mato|esfaqueio|arrebento)\b(?! (?:de|no|na|em)\b)"
        r"|\b(?:arrebentar|quebrar|partir|rachar) (?:tua|sua|a tua|a sua) (?:cara|cabe[cç]a|boca)\b"
        r"|\b(?:parto|quebro|arrebento)-te (?:a cara|os dentes|todo|toda)\b|\b[eé]s um homem morto\b",
    ),
    # nl: "ik maak je af", "ik ga je slaan", "ik steek je neer"
    (
        "threat.violence",
        rf"\bik (?:ga|zal) (?:je|jou) {_NL_ADV}(?:vermoorden|doodmaken|dood maken|slaan|in elkaar slaan|neersteken|steken|afmaken"
        rf"|kapot maken|kapotmaken)\b"
        rf"|\bik (?:maak|sla|steek) (?:je|jou) {_NL_ADV}(?:af|dood|kapot|neer|in elkaar)\b",
    ),
    # pl: "zabije cie", "zajebie cie", "dostaniesz wpierdol", "polamie ci"
    (
        "threat.violence",
        r"\b(?:zabij[eę]|zajebi[eę]|zatuk[eę]|zat[lł]uk[eę]|pobij[eę]|dorw[eę]|zad[zź]gam) ci[eę]\b"
        r"|\bci[eę] (?:zabij[eę]|zajebi[eę]|zat[lł]uk[eę]|pobij[eę]|dorw[eę]|zad[zź]gam)\b"
        r"|\bdostaniesz (?:taki |takiego |konkretny |porz[aą]dny )?(?:wpierdol|wpierdziel|w ryj|w mord[eę]|[lł]omot|kos[eę]|kulk[eę])\b"
        r"|\b(?:po[lł]ami[eę]|powybijam) ci\b|\bci (?:z[eę]by|[lł]eb|nogi|r[eę]ce|[lł]apy|gnaty) (?:powybijam|po[lł]ami[eę]|rozwal[eę])\b"
        r"|\bjeste[sś] (?:ju[zż] )?trupem\b|\bdostan(?:iesz|iecie) kulk[eę]\b",
    ),
    # uk: "я тебе вб'ю", "приб'ю тебе", "тобі капець"
    (
        "threat.violence",
        r"(?<!\w)тебе (?:вб['ʼ’]?ю|уб['ʼ’]?ю|вбью|убью|приб['ʼ’]?ю|заріжу|поріжу|відмудохаю|поб['ʼ’]?ю|закопаю|застрелю)(?!\w)"
        r"|(?<!\w)(?:вб['ʼ’]?ю|уб['ʼ’]?ю|вбью|убью|приб['ʼ’]?ю|заріжу|застрелю|закопаю) тебе(?!\w)"
        r"|(?<!\w)зуби (?:виб['ʼ’]?ю|повибиваю)(?!\w)|(?<!\w)тобі (?:гаплик|капець|кінець|хана)(?!\w)",
    ),
    # School attacks: a shooting or a bomb at school, a weapon brought to school, "don't come in on
    # Monday" with a warning.
    (  # fr
        "threat.school_attack",
        rf"\b(?:tirer sur tout le monde|tuer tout le monde|faire un carnage|faire p[eé]ter|poser une bombe|faire sauter)"
        rf" (?:au|dans le|dans la|[aà] la|[aà] l{_AP}) ?(?:lyc[eé]e|coll[eè]ge|bahut|[eé]cole|classe|cantine)\b"
        rf"|\bfusillade (?:au|dans le|[aà] l{_AP}) ?(?:lyc[eé]e|coll[eè]ge|bahut|[eé]cole)\b"
        rf"|\b(?:ramener|ramene|ramène|amener) (?:une|un|le|la|mon|ma) (?:arme|flingue|couteau|fusil|pistolet|bombe)\b[^.!?\n]{{0,20}}"
        rf"\b(?:au|[aà] l{_AP}|en) ?(?:lyc[eé]e|coll[eè]ge|bahut|[eé]cole|cours)\b"
        rf"|\b(?:venez|viens) pas (?:au|en|[aà] l{_AP}) ?(?:lyc[eé]e|coll[eè]ge|bahut|[eé]cole|cours)\b[^.!?\n]{{0,30}}"
        rf"\b(?:il va se passer|je rigole pas|c{_AP}est pas une blague|vous [eê]tes pr[eé]venus)"
        r"|\brestez chez vous si vous tenez [aà] (?:vous|la vie|votre vie)\b"
        r"|\b[cç]a va [eê]tre un carnage\b[^.!?\n]{0,30}\b(?:vous [eê]tes pr[eé]venus|salle|lyc[eé]e|coll[eè]ge|bahut|[eé]cole)",
    ),
    (  # de
        "threat.school_attack",
        r"\bamoklauf (?:am \w+|morgen|heute|nächste woche|naechste woche|an unserer schule)\b"
        r"|\bich (?:mach|mache|plane) (?:einen|nen|n) amoklauf\b"
        r"|\b(?:bring|bringe|nehm|nehme) (?:am \w+ |morgen |\w+ )?(?:eine waffe|die waffe|ne knarre|meine knarre|ein messer|ne bombe)"
        r" mit (?:in die|zur) schule\b"
        r"|\b(?:bring|bringe|nehm|nehme) (?:am \w+ |morgen |\w+ )?was mit (?:in die|zur) schule\b[^.!?\n]{0,25}"
        r"\b(?:dann lacht keiner|dann lacht niemand|ihr werdet (?:sehen|es bereuen)|dann seht ihr)"
        r"|\bbombe in (?:der|unserer|die) schule\b"
        r"|\bich (?:spreng|sprenge) (?:die|unsere) schule\b|\bich (?:schieß|schiesse|schieße) auf (?:alle|jeden)\b[^.!?\n]{0,30}\b(?:schule|klasse|ausgelacht|liste)\b"
        r"|\b(?:sollte|soll) (?:morgen |lieber |am \w+ )*(?:keiner|niemand) (?:in die|zur) schule (?:kommen|gehen)\b"
        r"|\bwer mich kennt,? bleibt (?:morgen |am )?\w+ (?:zuhause|zu hause|daheim)\b",
    ),
    (  # es
        "threat.school_attack",
        r"\b(?:tiroteo|masacre|bomba) en (?:el|la|mi|nuestro) (?:insti|instituto|cole|colegio|escuela|clase)\b"
        r"|\b(?:llevar|llevo|traer|traigo|voy a llevar|voy a traer) (?:la|una|el) (?:pistola|escopeta|arma|navaja|cuchillo|bomba)"
        r"(?: de \w+(?: \w+)?)? (?:al|a la|a) (?:insti|instituto|cole|colegio|escuela|clase)\b"
        r"|\b(?:disparar a todos|matar a todos|volar|quemar) (?:en )?(?:el|la) (?:insti|instituto|cole|colegio|escuela|clase)\b"
        r"|\bno (?:veng[aá]is|vay[aá]is|vengan|vayan) (?:ma[nñ]ana |el \w+ )?(?:al|a la|a) (?:insti|instituto|cole|colegio|escuela|clase)\b"
        r"[^.!?\n]{0,30}\b(?:en serio|va a pasar algo|os aviso|avisad[oa]s|no es broma)\b",
    ),
    (  # it
        "threat.school_attack",
        rf"\b(?:porto|porter[oò]|portare|entro con) (?:la|il|un|una|un{_AP}|mio|mia) ?(?:pistola|coltello|arma|fucile|bomba|benzina)\b"
        rf"[^.!?\n]{{0,25}}\b(?:a scuola|in classe|chi mi ha)\b"
        r"|\bsparatoria (?:a|nella) scuola\b|\b(?:una strage|un massacro) (?:a|nella|in) (?:scuola|classe)\b"
        r"|\b(?:far[oò]|faccio) saltare (?:in aria )?la scuola\b|\b(?:metto|piazzo) una bomba (?:a|nella|in) (?:scuola|classe)\b"
        r"|\b(?:non|nn) venite (?:domani |luned[iì] |\w+ )?a scuola\b[^.!?\n]{0,30}\b(?:sul serio|vi avviso|non scherzo|nn scherzo|succede qualcosa)\b",
    ),
    (  # pt
        "threat.school_attack",
        r"\b(?:arma|pistola|bomba|rev[oó]lver)\b[^.!?\n]{0,40}\b(?:levo|levo-a|levar|trazer|trago|entrar)\b[^.!?\n]{0,15}"
        r"\b(?:pra|para a|para|à|na|a) escola\b"
        r"|\b(?:levo|levar|vou levar|trazer|trago|entrar com) (?:a |uma |o )?(?:arma|pistola|faca|navalha|bomba)\b[^.!?\n]{0,20}"
        r"\b(?:pra|para a|para|à|na|a) escola\b|\bentrar com a arma\b"
        r"|\b(?:massacre|tiroteio|bomba) na escola\b|\b(?:vou|vamos) (?:explodir|atirar em todos na|matar todos na|matar todo mundo na) (?:a )?escola\b"
        r"|\b(?:n[aã]o|n) venham (?:amanh[aã] |segunda |\w+ )?(?:[aà]|a|na|pra) escola\b[^.!?\n]{0,30}"
        r"\b(?:a s[eé]rio|s[eé]rio|t[oô] avisando|estou a avisar|n[aã]o [eé] brincadeira)\b",
    ),
    (  # nl
        "threat.school_attack",
        r"\b(?:neem|breng) (?:ik )?(?:morgen |\w+dag )?(?:een |mn |mijn |m'n |m’n )?(?:vaders )?(?:geweer|pistool|wapen|vuurwapen|bom)"
        r" mee naar school\b"
        r"|\b(?:neem|breng) (?:ik )?(?:morgen |\w+dag )?iets mee naar school\b[^.!?\n]{0,40}\b(?:aan de beurt|niet meer zo grappig|gaan het merken|zullen het zien)\b"
        r"|\bschietpartij (?:op|in) (?:school|de school|onze school)\b|\b(?:ik )?(?:schiet|blaas) (?:de|onze) school (?:op|neer)\b"
        r"|\bik ga de (?:aula|school|klas|kantine) in met (?:mn|mijn|m'n|m’n) (?:vaders |\w+ )?(?:geweer|pistool|mes|wapen)\b"
        r"|\bniet naar school komen (?:morgen|\w+dag)\b[^.!?\n]{0,30}\b(?:ik zeg het maar|ik waarschuw|gewaarschuwd|ik meen het|serieus)\b",
    ),
    (  # pl
        "threat.school_attack",
        r"\bstrzelanin[aey] w (?:szkole|naszej szkole)\b"
        r"|\b(?:wezm[eę]|przynios[eę]|zabior[eę]) (?:ojca |taty |brata |\w+ )?(?:bro[nń]|strzelb[eę]|pistolet|n[oó][zż]|spluw[eę]|bomb[eę])\b"
        r"[^.!?\n]{0,30}\b(?:do szko[lł]y|z ca[lł][aą] klas[aą]|porz[aą]dek)\b"
        r"|\bbomb[aey] w szkole\b|\b(?:wysadz[eę]|podpal[eę]) (?:szko[lł][eę]|klas[eę])\b|\bb[eę]dzie jak w ameryce\b"
        r"|\bnie przychod[zź]cie (?:jutro |w \w+ )?do szko[lł]y\b[^.!?\n]{0,30}\b(?:ostrzegam|ostrzega[lł]em|serio|nie [zż]artuj[eę])\b"
        r"|\bzrobi[eę] porz[aą]dek z ca[lł][aą] klas[aą]\b",
    ),
    (  # uk
        "threat.school_attack",
        r"(?<!\w)заміну\w* школу|(?:принесу|візьму) (?:\w+ )?(?:рушницю|зброю|пістолет|травмат|бомбу) (?:в|до|на) (?:школ\w*|лінійку|клас)"
        r"|стрілянин\w* (?:в|у) школі|(?<!\w)(?:підірву|спалю) школу|(?:анонімк\w*|повідомлен\w*) (?:шо|що) (?:в|у) школі бомба"
        r"|не приходьте (?:завтра |в \w+ )?(?:в|до) школ\w*[^.!?\n]{0,30}(?:попереджаю|я серйозно|не жартую)"
        r"|(?:принесу|візьму)[^.!?\n]{0,20}(?:лінійку|школу|клас)[^.!?\n]{0,25}(?:всім|всьому \S+) (?:кінець|капець)",
    ),
)

_SOLICITATION = (
    # fr: "envoie des nudes", "on parle de trucs sales", "tu veux coucher avec moi"
    r"\b(?:envoie|envoi|envois|envoies|balance|montre)[- ](?:moi |nous )?(?:des |tes |une |la |ta )?(?:nudes?|photos? (?:nue?s?"
    r"|sans (?:habits|v[eê]tements|rien|haut|t-shirt)))\b"
    rf"|\b(?:on|tu veux qu{_AP}on|tu veux) (?:parle|parler) (?:de (?:trucs|choses) )?(?:sales|cochon(?:ne)?s?|hot|coquin(?:e)?s?)\b"
    rf"|\btu veux (?:coucher|baiser|faire l{_AP}amour|le faire|faire des trucs) avec moi\b"
    r"|\bphotos? (?:de toi )?(?:en sous[- ]v[eê]tements?|en culotte|en soutif|en string)\b",
    # de: "schick nudes", "lass uns sexten", "willst du sex haben"
    r"\b(?:schick|schicke|schickst du|sende|zeig) (?:mir |mal |uns )*(?:nudes|nacktbilder|nacktfotos|ein nacktbild|ein nacktfoto"
    r"|bilder ohne (?:was an|kleidung|klamotten)|fotos? ohne (?:was an|kleidung|klamotten|oberteil))\b"
    r"|\b(?:lass uns|wollen wir|willst du|bock auf) (?:\w+ )?(?:sexten|dirty talk|schmutzig reden|versaut schreiben|sex haben"
    r"|miteinander schlafen|seggs talk)\b|\b(?:fotos?|bilder?|pics?) (?:von dir )?(?:in unterw[aä]sche|in unterhose|im bh|oben ohne)\b",
    # es: "manda nudes", "hablemos de cosas guarras", "llamada de seggso"
    r"\b(?:manda|m[aá]ndame|pasa|p[aá]same|env[ií]a|env[ií]ame|ens[eé][nñ]ame) (?:tus |unas |una |las |algo )?(?:nudes?"
    r"|fotos? (?:desnud[oa]|sin ropa|en ropa interior|en bragas|hot|picantes?)|algo picante)\b"
    r"|\b(?:hablemos|hablamos|habla|hablar) (?:de )?(?:cosas )?(?:guarras|sucias|guarradas)\b"
    r"|\b(?:quieres|kieres|qieres|kres) (?:hacer|tener) (?:sexo|seggso|cosas guarras)\b"
    r"|\b(?:llamada|videollamada) (?:de )?(?:seggso|sexo|hot)\b|\bcibersexo\b"
    r"|\bfotos? (?:tuyas? )?(?:en ropa interior|en bragas|en sujetador|desnud[oa]s?|sin ropa)\b",
    # it: "manda nudes", "mandami una foto senza maglietta", "facciamo sesso"
    r"\b(?:manda|mandami|inviami|invia|fammi vedere) (?:le |delle |una |qualche )?(?:nudes?|foto (?:nud[ae]|senza (?:vestiti|maglietta|niente)"
    r"|in intimo|hot))\b"
    r"|\b(?:facciamo|vuoi fare|famo) (?:sesso|sexting|cose sporche)\b|\bparliamo di cose (?:sporche|spinte|porche|hot)\b"
    r"|\bdimmi cosa hai addosso (?:adesso|ora|in questo momento)\b"
    r"|\bfoto (?:in intimo|in mutande|in reggiseno|senza reggiseno|(?:un po(?:'| )?)?pi[uù] scopert\w*)\b",
    # pt: "manda nude", "manda uma foto mais ousada", "bora transar"
    r"\b(?:manda|mande|envia|me manda|manda-me|mostra) (?:a |as |uma |umas |aquela |tua |sua )?(?:nudes?|foto (?:pelad[ao]|sem roupa"
    r"|de calcinha|de lingerie|sem t-shirt|mais ousada|[ií]ntima)|fotos (?:peladas?|sem roupa|[ií]ntimas|ousadas))\b"
    r"|\b(?:vamos|bora|vamo|quer|queres) (?:fazer sexo|transar|fazer putaria|falar putaria|sexting)\b|(?<!de )\bfalar putaria\b"
    r"|\bfotos? (?:de roupa [ií]ntima|de calcinha|de suti[aã]|de lingerie|mais ousadas?|sem roupa|pelad[ao]s?)\b",
    # nl: "stuur nudes", "stuur ff iets pittigs", "wil je sexten"
    r"\b(?:stuur|stuurt) (?:me |mij |je |jij |ff |eens |even )*(?:naaktfoto'?s|nudes?|een naaktfoto|iets pittigs|een foto zonder (?:kleren|shirt|iets aan)"
    r"|foto'?s zonder (?:kleren|shirt))\b"
    r"|\b(?:wil je|zullen we|zulle we|gaan we) (?:\w+ )?(?:seks|sex|sexen|sexten|vieze dingen doen)\b"
    r"|\bfoto'?s? (?:van je )?in (?:je|jouw) (?:ondergoed|onderbroek|bh|string)\b",
    # pl: "wyslij nudesy", "chcesz seks", "sexting"
    r"\b(?:wy[sś]lij|pode[sś]lij|daj|poka[zż]) (?:mi )?(?:nudesy|nudes|nudeski|fotki bez (?:ubrania|bluzki|koszulki)|zdj[eę]cie nago"
    r"|zdj[eę]cia nago|nagie (?:zdj[eę]cia|fotki))\b"
    r"|\bchcesz (?:uprawia[cć] )?(?:seks|sexting|si[eę] pieprzy[cć])\b|\bpopiszemy o (?:seksie|brzydkich rzeczach)\b"
    r"|\b(?:za|jak|jesli|je[sś]li|wy[sś]lij|wy[sś]lesz|poka[zż]esz?)\b[^.!?\n]{0,30}\b(?:bez (?:bluzki|koszulki|ubrania|stanika)|nago"
    r"|w (?:bieli[zź]nie|stroju k[aą]pielowym|staniku|majtkach))\b",
    # uk: "скинь нюдси", "давай займемось сексом"
    r"(?:скинь|кинь|надішли|покажи) (?:мені )?(?:нюдси|нюдс|нюдеси|нюдсік|фото без (?:одягу|нічого|футболки)|голе фото|інтимне фото)"
    r"|(?:давай|хочеш) (?:займемось|займатись|займатися) сексом|секстинг"
    r"|(?:фото|фотк\w*|фоточк\w*) (?:в|у) (?:купальнику|білизні|трусах|ліфчику)|фото де тебе повністю видно",
)

KYS_OTHER_LANGUAGES = compile_patterns(("bullying.kys", regex) for regex in _KYS)
EXCLUSION_OTHER_LANGUAGES = compile_patterns(("bullying.exclusion", regex) for regex in _EXCLUSION)
# A school attack told as what will happen there: a place of the school beside a bomb, something that
# will explode or burn, coming in armed, or a list of those who will pay ("in der großen pause geht ne
# bombe in der mensa hoch", "jutro na apelu coś wybuchnie", "quando entro in classe armato", "ik neem
# iets mee dat knalt"), the place before, after or inside the attack's words. The attack words are
# future or present, never a past event told of.
_SCHOOL_PLACE = {
    "fr": r"coll[eè]ge|lyc[eé]e|bahut|[eé]cole|classe|cantine|self|gymnase|cour|r[eé]cr[eé]|brevet|\d+e ?[a-f]\b",
    "de": r"schule|klasse|mensa|aula|turnhalle|schulhof|pause|pausenhof|lehrerzimmer",
    "es": r"insti|instituto|cole|colegio|escuela|clase|comedor|gimnasio|patio|recreo",
    "it": r"scuola|classe|mensa|palestra|cortile|intervallo|ricreazione|verifica",
    "pt": r"escola|col[eé]gio|aula|sala|cantina|gin[aá]sio|recreio|intervalo",
    "nl": r"school|klas|aula|kantine|gymzaal|schoolplein|pauze",
    "pl": r"szko[lł]\w*|klas\w*|apel\w*|sto[lł][oó]wk\w*|sal\w* gimnastyczn\w*|przerw\w*|bud[aeyę]|budzie",
    "uk": r"школ\w*|клас\w*|лінійк\w*|їдальн\w*|спортзал\w*|перерв\w*",
}
_SCHOOL_ATTACK_WORDS = {
    "fr": r"(?:je )?(?:d[eé]barquerai|d[eé]barque|viendrai|rentre|entrerai) (?:\w+ ){0,3}arm[eé]e?|(?:va|vont) (?:tout )?(?:exploser|sauter|p[eé]ter)"
    r"|je (?:fais|ferai) tout (?:p[eé]ter|sauter|cramer)|(?:mettre|foutre) le feu|une liste (?:de|des) (?:ceux|gens|noms)",
    "de": r"(?:geht|gehen|fliegt|fliegen) (?:[^.!?\n]{0,25} )?(?:hoch|in die luft)\b|(?:bombe|sprengsatz)|komm\w* bewaffnet"
    r"|explodier\w*|(?:fackel|zünd|zuend)\w* (?:die|den|das) \w+ an|(?:eine|ne) liste (?:mit|von) (?:denen|allen|namen)",
    "es": r"(?:voy|vamos) a (?:quemar|volar|incendiar)|va a (?:explotar|arder|volar)|(?:entro|entrar[eé]|vengo|vendr[eé]) armad[oa]"
    r"|(?:tengo|hice|he hecho) una lista",
    "it": r"(?:entro|entrer[oò]|vengo|verr[oò]) (?:\w+ ){0,3}armat[oa]|(?:salta|salter[aà]|esplode|esploder[aà]) (?:in aria|tutto)"
    r"|(?:dare|do|dar[oò]) fuoco|(?:ho|ho fatto) una lista",
    "pt": r"(?:vou|vamos) (?:pegar|p[oô]r|deitar) fogo|(?:vou|vamos) (?:incendiar|explodir|rebentar com)|(?:entro|vou entrar|venho) armad[oa]"
    r"|(?:tenho|fiz) uma lista|vai (?:explodir|rebentar|pelos ares)",
    "nl": r"(?:iets|wat) (?:mee )?dat (?:knalt|ontploft)|(?:ontploft|ontploffen|vliegt de lucht in|in de fik)|kom\w* gewapend"
    r"|(?:heb|maak) een lijst",
    "pl": r"(?:co[sś]|wszystko) (?:wybuchnie|wyleci w powietrze|p[oó]jdzie z dymem)|wysadz\w*|podpal\w*|przyjd[eę] uzbrojon\w*"
    r"|(?:mam|zrobi[lł]\w*) list[eę]",
    "uk": r"(?:щось|все) (?:вибухне|злетить|згорить)|(?:підірву|спалю|підпалю)|(?:прийду|зайду) (?:\w+ )?з(?:і)? зброєю"
    r"|(?:принесу|візьму) щось(?: таке)?|(?:склав|маю|є) список",
}
_SCHOOL_ATTACK_MORE = tuple(
    (
        "threat.school_attack",
        rf"(?<!\w)(?=(?:{_SCHOOL_ATTACK_WORDS[lang]})(?!\w))[^.!?\n]{{0,70}}?(?<!\w)(?:{_SCHOOL_PLACE[lang]})(?!\w)"
        rf"|(?<!\w)(?:{_SCHOOL_PLACE[lang]})(?!\w)[^.!?\n]{{0,50}}?(?<!\w)(?:{_SCHOOL_ATTACK_WORDS[lang]})(?!\w)",
    )
    for lang in _SCHOOL_PLACE
)

# A veiled threat: "you'll regret it" with an oath or the reader's doing, "you don't know who you're
# messing with", "I'll get you sooner or later", "this isn't over" (not regretting a missed party:
# "te vas a arrepentir de no venir").
_NOT_A_MISSED_TREAT = r"(?! (?:de no|si no|di non|se non|de ne pas|si tu viens pas|dass du nicht|wenn du nicht|als je niet|[zż]e nie|jak nie|що не|шо не|de n[aã]o|se n[aã]o)\b)"
_VEILED = (
    # fr
    rf"\btu (?:vas|va) (?:le |la )?regretter{_NOT_A_MISSED_TREAT}(?=[^.!?\n]{{0,30}}\b(?:crois[- ]moi|je te (?:le )?jure|jte jure|toute ta vie|wallah))"
    rf"|\b(?:continue|recommence|la prochaine fois que tu)\b[^.!?\n]{{0,50}}\btu (?:vas|va) (?:le |la )?regretter\b"
    rf"|\btu (?:vas|va) voir ce qui va t{_AP}arriver\b|\btu sais pas (?:[aà] )?qui tu (?:as affaire|t{_AP}attaques|te frottes)\b"
    r"|\bje te retrouverai\b|\bla prochaine fois que tu\b[^.!?\n]{0,50}\bje te retrouve\b",
    # de
    rf"\b(?:du wirst es|das wirst du) (?:noch )?bereuen{_NOT_A_MISSED_TREAT}(?=[^.!?\n]{{0,30}}\b(?:glaub mir|ich schw(?:ö|oe)r|versprochen|wallah))"
    r"|\bgnade dir gott\b|\bdu wei(?:ß|ss)t nicht mit wem du dich anlegst\b|\b(?:irgendwann|fr(?:ü|ue)her oder sp(?:ä|ae)ter) (?:erwisch|krieg) ich dich\b",
    # es
    rf"\bte vas a arrepentir{_NOT_A_MISSED_TREAT}(?=[^.!?\n]{{0,30}}\b(?:te lo juro|en serio|creeme|cr[eé]eme|ya ver[aá]s|de verdad))"
    r"|\bno sabes con qui[eé]n te (?:metes|has metido|est[aá]s metiendo)\b|\bte tengo fichad[oa]\b|\bcuidadito por donde (?:andas|vas)\b"
    r"|\b(?:tarde o temprano|alg[uú]n d[ií]a) te (?:pillo|pillar[eé]|encuentro)\b",
    # it
    rf"\bte ne pentirai{_NOT_A_MISSED_TREAT}(?=[^.!?\n]{{0,30}}\b(?:fidati|te lo giuro|ti giuro|credimi|sul serio))"
    r"|\b(?:continua|se continui|la prossima volta che)\b[^.!?\n]{0,50}\bte ne pentirai\b"
    r"|\bnon sai con chi hai a che fare\b|\bvedrai cosa ti succede\b|\bprima o poi ti (?:trovo|becco|prendo)\b",
    # pt
    rf"\b(?:vais-te arrepender|vai se arrepender|vais te arrepender){_NOT_A_MISSED_TREAT}(?=[^.!?\n]{{0,30}}\b(?:juro|acredita|confia|a s[eé]rio|s[eé]rio))"
    r"|\bn[aã]o sabes com quem te (?:metes|meteste|est[aá]s a meter)\b|\bn[aã]o sabe com quem (?:t[aá]|est[aá]) mexendo\b"
    r"|\bvais ver o que te acontece\b|\b(?:mais cedo ou mais tarde|um dia) (?:eu )?te (?:apanho|pego)\b",
    # nl
    rf"\b(?:je gaat|ga je|je zal|zal je) (?:hier )?(?:echt )?spijt (?:van )?krijgen{_NOT_A_MISSED_TREAT}(?=[^.!?\n]{{0,30}}\b(?:geloof me|ik zweer|echt waar|serieus))"
    r"|\bje weet niet met wie je te maken hebt\b|\b(?:ooit|vroeg of laat) (?:pak|krijg) ik je\b",
    # pl
    r"\bjeszcze (?:tego )?po[zż]a[lł]ujesz\b(?! (?:[zż]e|ze) nie\b)|\bpo[zż]a[lł]ujesz,? [zż]e (?:si[eę] urodzi[lł]\w*|(?:mi )?podskoczy[lł]\w*)\b"
    r"|\bnie wiesz z kim (?:zadzierasz|masz do czynienia)\b|\b(?:pr[eę]dzej czy p[oó][zź]niej|kiedy[sś]) ci[eę] (?:dorw[eę]|dopadn[eę]|znajd[eę])\b",
    # uk
    r"(?<!\w)(?:ти |ти ще )?пожалкуєш(?!\w)(?! (?:що|шо) не)|(?<!\w)ти не знаєш з ким (?:зв[ʼ'’]?язався|зв[ʼ'’]?язалась|маєш справу)(?!\w)"
    r"|(?<!\w)я тебе (?:все одно |всеодно )?дістану(?!\w)",
)

THREATS_OTHER_LANGUAGES = compile_patterns(
    (*_THREATS, *(("threat.violence", rx) for rx in _VEILED), *_SCHOOL_ATTACK_MORE)
)
SOLICITATION_OTHER_LANGUAGES = compile_patterns(("sexual.solicitation", regex) for regex in _SOLICITATION)

_TOLD_OF = compile_patterns(
    ("told", regex)
    for regex in (
        # the words told of: "il m'a dit", "sie sagen mir", "me dicen", "mi hanno scritto"
        rf"\b(?:m{_AP}(?:a|ont) (?:dit|[eé]crit|envoy[eé])|(?:il|elle|ils|elles|on) me (?:dit|disent|[eé]crit|[eé]crivent))\b",
        r"\b(?:hat|haben) (?:mir |zu mir )?(?:gesagt|geschrieben)\b|\b(?:sagt|sagen|schreibt|schreiben|meinte|meinten) (?:mir|zu mir)\b|\bich soll mich\b",
        r"\bme (?:dijo|dijeron|dice|dicen|ha dicho|han dicho|escribi[oó]|escribieron|escribe|escriben|mandan)\b",
        r"\bmi (?:ha|hanno) (?:detto|scritto)\b|\bmi (?:dice|dicono|scrive|scrivono)\b",
        r"\bme (?:disse|disseram|dizem|falou|falaram|mandou|mandaram|escreveu|escreveram)\b|\b(?:diz|disse|dizem|disseram)-me\b",
        r"\b(?:zei|zeiden|zegt|zeggen|schreef|schreven|stuurde|stuurden|appte|appten) (?:tegen mij|tegen me|me|mij)\b",
        r"\b(?:powiedzia[lł]a?|powiedzieli|napisa[lł]a?|napisali|pisze|pisz[aą]|m[oó]wi|m[oó]wi[aą]) (?:mi|do mnie)\b|\b[zż]e mam si[eę]\b",
        r"(?<!\w)(?:мені|мне) (?:сказа\w*|пишуть|написа\w*|кажуть)|(?<!\w)(?:сказав|сказала|каже|кажуть|пишуть) (?:що|шо)(?!\w)",
        # objecting to them: "eso no se dice", "on dit pas ça", "sagt man nicht"
        r"\b(?:no se dice|on dit pas [cç]a|on ne dit pas [cç]a|sagt man nicht|(?:non|nn) si dice|n[aã]o se diz|dat zeg je niet"
        r"|tak si[eę] nie m[oó]wi)\b|так не (?:можна )?(?:казати|писати|говорити)",
    )
)
"""A message that tells of hurtful words said or written to the writer, or objects to them."""

_SAY_NOT = compile_patterns(
    (
        (
            "say_not",
            r"(?:\bno (?:le |les )?(?:digas|dig[aá]is|escribas|pongas)|\b(?:dis|dites|[eé]cris) (?:pas|jamais)|\bne (?:dis|dites) (?:pas|jamais)"
            r"|\bsag (?:nicht|nie|kein)|\bschreib (?:nicht|nie)|\b(?:non|nn) (?:dire|dite|scrivere|scrivete)|\b(?:n[aã]o|n) (?:diga|digas|fala|fale|escrevas|escreva)"
            r"|\bzeg (?:niet|geen|nooit)|\bnie (?:m[oó]w|pisz|piszcie|m[oó]wcie)|(?<!\w)не (?:пишіть|кажіть|пиши|кажи))"
            r"(?: (?:a|à|ad|aan|tegen|do|zu|to) \w+)?\W{0,3}$",
        ),
    )
)
"""Just before the words: telling someone not to say them ("no le digas matate")."""

_QUOTED = re.compile(r"[\"'«“„‘]\s*$")

GAME_TITLES = r"fortnite|fortnait|minecraft|roblox|brawl|clash|fifa|cod|valorant|among us|gta|apex|overwatch|bedwars|warzone|pubg"
"""Games children name in every language (a regular-expression alternation, no groups): shared with
``context.game`` in :mod:`safechat.detect.context`."""

_PLAY = compile_patterns(
    (
        (
            "play",
            rf"\b(?:{GAME_TITLES}|mine|lol|lmao|xd+"
            r"|partida|partidas|partie|parties|ranked|ronda|ronde|potje|free ?fire|manche|runde|round|match|lobby|server|serveur"
            r"|servidor|1v1|1vs1|pvp|respawn\w*"
            r"|camp\w*|spawn\w*|kill|kills|gg|jogo|juego|jeu|spiel|gioco|partita|spel|game|gra|grze|potyczk\w*)\b"
            r"|\b(?:ja(?:ja)+|je(?:je)+|ha(?:ha)+h?|a(?:ha)+h?|rs(?:rs)+|mdr+|ptdr+|jpp|hihi)\b|[😂🤣😜😝]"
            r"|(?<!\w)(?:гр[іиу]|катк\w*|матч\w*|раунд\w*|фортнайт\w*|хаха\w*|ахах\w*|лол)(?!\w)",
        ),
    )
)
"""A game, a round or a match named, or laughter: what makes "I'll kill you" play. Brazilian "kkkk"
reaches the rules as "k" (the normaliser shortens stretched letters), too like "ok" to count."""

_REAL_WORLD = compile_patterns(
    (
        (
            "real",
            r"\b(?:irl|en vrai|de verdad|en serio|echt jetzt|im echten leben|in real life|na vida real|davvero|sul serio|serieus"
            r"|in het echt|naprawd[eę]|na serio)\b"
            r"|\b(?:salida|sortie|uscita|sa[ií]da|nach der schule|po lekcjach|na przerwie|na orliku|after school|na escola|a scuola"
            r"|au coll[eè]ge|au lyc[eé]e|en el (?:insti|cole)|in der schule|op school|w szkole)\b"
            r"|\b(?:cuchillo|navaja|pistola|couteau|flingue|messer|knarre|waffe|coltello|faca|navalha|arma|pistool|een mes|n[oó][zż]|kastet)\b"
            r"|\b(?:s[eé] d[oó]nde vives|je sais o[uù] tu (?:habites|vis)|ich wei[sß] wo du wohnst|so dove abiti|sei onde (?:moras|vives)"
            r"|ik weet waar je woont|wiem gdzie mieszkasz)\b"
            r"|(?<!\w)(?:ніж|пістолет|після уроків|знаю де ти живеш|в реалі)(?!\w)",
        ),
    )
)
"""Words of the real world (a weapon, after school, where the reader lives, "irl"): a threat that
names one is not play, whatever game the message names."""

_REAL_WORLD_MORE = compile_patterns(
    ("real", regex.replace("{AP}", _AP))
    for regex in (
        # en (a word of chat English in another language's message): the English ``_VIOLENCE`` less its
        # kill and die words, which are in-game talk here
        r"\b(?:irl|in real life|real life|after school|knife|knives|gun|guns|stab\w*|blood\w*|hurt\w*|punch\w*"
        r"|beat (?:you|u|ya) up|where (?:you|u) live|your house|bus stop|outside school|find (?:you|u)|wait for (?:you|u))\b",
        # a clock time ("a las 5", "a 17h", "um 16 uhr", "alle 8", "om 4 uur", "o 16", "о 8", "16:30")
        r"\b(?:a las|alle|às|as|um|om|o godz\w*) \d{1,2}\b|\b\d{1,2} ?(?:h|uhr|uur|horas)\b|\b\d{1,2}[:h]\d\d\b"
        r"|(?<!\w)о \d{1,2}(?!\w)",
        # coming to find the reader, after the game, a real pitch: "te busco", "ich find dich", "apres le match",
        # "po meczu", "au city stade", "na boisku"
        r"\b(?:te (?:busco|buscar[eé]|voy a buscar|encuentro|encontrar[eé])|je (?:vais te trouver|te trouve|viens te chercher)"
        r"|ich (?:find|finde|krieg|kriege|hol|hole) dich|ti (?:trovo|trover[oò]|vengo a prendere)|(?:vou te|vou-te) (?:buscar|achar"
        r"|encontrar|procurar)|te (?:acho|encontro)|ik (?:vind|kom) (?:je|jou)|znajd[eę] ci[eę]|przyjd[eę] po ciebie"
        r"|te vas a enterar|te vas a arrepentir|tu vas (?:le )?regretter|du wirst es bereuen|te ne pentirai|vais-te arrepender"
        r"|vai se arrepender|je (?:zult|gaat) spijt|po[zż]a[lł]ujesz"
        r"|apr[eè]s (?:la partie|le match|la game|les matchs)|despu[eé]s (?:de la partida|del partido|del juego)"
        r"|nach (?:dem spiel|der runde|dem match|dem zocken)|dopo (?:la partita|il gioco)|depois d[oa] (?:jogo|partida)"
        r"|na (?:de|het) (?:game|potje|spel|wedstrijd)|po (?:meczu|grze|rundzie)|city ?stade|au stade|au terrain|sportplatz"
        r"|turnhalle|en el campo|en la pista|polideportivo|na quadra|no campo|op het veld|na boisku|na orliku)\b"
        r"|(?<!\w)(?:знайду тебе|тебе знайду|пожалкуєш|після (?:гри|матчу|катки)|на стадіоні|на майданчику)(?!\w)",
        # the game denied: "esto no es un juego", "c'est pas un jeu", "kein spiel", "to nie gra", "не в грі"
        r"\b(?:no es (?:un )?juego|fuera del juego|(?:c{AP}est|ce n{AP}est|c{AP}) ?pas un jeu|en dehors du jeu|kein spiel"
        r"|au(?:ß|ss)erhalb des spiel\w*|(?:non|nn) [eè] un gioco|fuori dal gioco|n[aã]o [eé] (?:um )?jogo|fora do jogo"
        r"|geen spel|buiten de game|buiten het spel|to nie (?:jest )?gra|poza gr[aą])\b|(?<!\w)(?:не в грі|це не гра|поза грою)(?!\w)",
        # not joking, an oath: "no es broma", "je rigole pas", "ich mein das ernst", "non scherzo", "ik meen het"
        r"\b(?:no es (?:una )?broma|no (?:estoy de broma|bromeo)|va en serio|lo digo en serio|je (?:ne )?rigole pas|jrigole pas"
        r"|je (?:ne )?plaisante pas|c{AP}est pas une blague|je suis s[eé]rieux|je te (?:le )?jure|jte jure|kein spa(?:ß|ss)|kein witz"
        r"|ich mein(?:e)? (?:das|es) ernst|ernsthaft|ich schw(?:ö|oe|o)r\w*|wall?ah\w*|wollah\w*|(?:non|nn) (?:sto )?scherz\w*"
        r"|ti giuro|n[aã]o (?:estou a|to|tô|t[oô] de) brinca\w*|n[aã]o [eé] brincadeira|sem brincadeira|ik meen het|geen grap"
        r"|ik zweer\w*|nie [zż]artuj[eę]|to nie [zż]art|przysi[eę]gam|te lo juro|juro por)\b"
        r"|(?<!\w)(?:не жартую|я серйозно|серйозно|клянусь)(?!\w)",
        # fr: a weapon, the body, a real place or time, the reader's home and family, meeting in person
        r"\b(?:arme|lame|canif|schlass|batte|pistolet|sang|h[oô]pital|gueule|dents|t[eê]te|nez|visage|frapper|frappe|tabasser"
        r"|tabasse|cogner|baffe|gifle|poignarder|planter|r[eé]cr[eé]|apr[eè]s les cours|apr[eè]s l{AP}[eé]cole|devant (?:le|la|l{AP})"
        r" ?(?:coll[eè]ge|lyc[eé]e|[eé]cole|portail|grille|gymnase)|au parc|arr[eê]t de bus|chez toi|o[uù] tu (?:habites|vis)"
        r"|ton adresse|dans la vraie vie|dans la vie r[eé]elle|en face [aà] face|face [aà] face|quand je te (?:vois|verrai|croise|chope)"
        r"|si je te (?:vois|croise|chope)|je t{AP}attends|ta m[eè]re|ta famille|ta (?:soeur|sœur))\b",
        # de
        r"\b(?:pistole|baseballschläger|schlagring|klinge|blut|krankenhaus|nase|fresse|maul|gesicht|zähne|zaehne|knochen"
        r"|schlagen|schlag dich|verprügeln|verpruegeln|abstechen|in der pause|pause|schulhof|vor der schule|bushaltestelle"
        r"|im park|bei dir zu ?hause|zu dir nach hause|vor deiner (?:haus)?t(?:ü|ue)r|wo du wohnst|deine adresse|in echt"
        r"|in real|wenn ich dich (?:seh|sehe|erwische|erwisch|treffe|treff)|ich warte auf dich|deine (?:mutter|mama|familie"
        r"|schwester))\b",
        # es
        r"\b(?:escopeta|bate|palo|pu[nñ]al|machete|armas?|sangre|hospital|(?:la|tu) cara|boca|dientes|cuello|nariz|piernas"
        r"|hostias?|ostias?|golpes?|pegar|pego|recreo|patio|(?:a|en) la puerta|en el parque|en la calle|(?:en|a) tu casa"
        r"|donde vives|tu direcci[oó]n|parada del bus|despu[eé]s de clase|al salir|insti|instituto|colegio|cole|escuela"
        r"|(?:en|a) clase|en la vida real|vida real|en persona|cara a cara|cuando te (?:vea|pille|encuentre)|como te (?:vea|pille)"
        r"|te espero|te estoy esperando|tu (?:madre|familia|hermana))\b",
        # it
        r"\b(?:pistola|mazza|tirapugni|lama|coltellino|sangue|ospedale|faccia|denti|testa|naso|ossa|gambe|picchi\w*|men(?:o|are"
        r"|iamo)|pest(?:o|are|iamo)|accoltell\w*|all{AP}? ?uscita|fuori (?:da|dalla) scuola|davanti (?:a|alla) scuola|in cortile"
        r"|alla fermata|al parco|al campetto|sotto casa|a casa tua|dove abiti|dove vivi|so dove|nella vita reale|nella realt[aà]"
        r"|dal vivo|di persona|faccia a faccia|quando ti vedo|appena ti vedo|se ti vedo|ti becco|ti aspetto|tua (?:madre|sorella)"
        r"|la tua famiglia)\b",
        # pt
        r"\b(?:pistola|rev[oó]lver|taco|canivete|soco ingl[eê]s|sangue|hospital|(?:a|tua|sua) cara|dentes|cabe[cç]a|nariz"
        r"|fu[cç]a|porrada|socos?|bater|espancar|esfaque\w*|recreio|intervalo|no port[aã]o|na paragem|ponto de [oô]nibus"
        r"|na pra[cç]a|(?:em|na) (?:tua|sua) casa|onde (?:tu |vc |voc[eê] )?mora\w*|sei onde|tua morada|teu endere[cç]o"
        r"|vida real|no mundo real|pessoalmente|cara a cara|quando (?:eu )?te (?:ver|vir|encontrar|pegar|apanhar)|te espero"
        r"|(?:tua|sua) (?:m[aã]e|fam[ií]lia|irm[aã]))\b",
        # nl
        r"\b(?:(?:een|mn|m{AP}n|mijn|het|met|zn|z{AP}n|zijn) mes|zakmes|stiletto|boksbeugel|knuppel|wapen|vuurwapen|bloed"
        r"|ziekenhuis|gezicht|bek|tanden|neus|slaan|in elkaar|na school|in de pauze|pauze|schoolplein|bushalte|bij het hek"
        r"|fietsenhok|in het park|bij (?:je|jou) thuis|bij (?:je|jou) huis|waar je woont|je adres|in het echte leven"
        r"|als ik je (?:zie|tegenkom)|ik wacht op je|ik krijg je|je (?:moeder|zus|familie))\b",
        # pl
        r"\b(?:no[zż]\w*|kij\w*|bejsbol\w*|bro[nń]|pistolet\w*|spluw\w*|maczet\w*|krew|krwi|szpital\w*|ryj|mord[aeęy]|z[eę]by"
        r"|[lł]eb|g[lł]ow[eęy]|pobi[cć]|pobij[eę]|wpierdol|[lł]omot|przed szko[lł][aą]|pod szko[lł][aą]|pod (?:twoim )?blokiem"
        r"|pod domem|na przystanku|w parku|pod sklepem|gdzie mieszkasz|tw[oó]j adres|w prawdziwym [zż]yciu|w realu|na [zż]ywo"
        r"|jak ci[eę] (?:zobacz[eę]|spotkam|dorw[eę]|z[lł]api[eę])|dorw[eę]|czekam na ciebie|twoj[aą] (?:matk[eę]|siostr[eę]"
        r"|rodzin[eę]))\b",
        # uk
        r"(?<!\w)(?:нож\w*|бит(?:а|ою|у)|кастет\w*|травмат\w*|зброя|зброю|пістолет\w*|перерв\w*|біля школи|в школі|у школі"
        r"|після школи|під{AP}?їзд\w*|зупинц\w*|зупинк\w*|біля (?:твого )?дому|де ти живеш|твоя адреса|твою адресу"
        r"|в реальн\w*|наживо|по-справжньому|(?:коли|як) (?:я )?тебе (?:побачу|зловлю|знайду)|чекатиму|чекаю тебе"
        r"|твою (?:маму|мамку|сестру|сім{AP}?ю)|кров\w*|лікарн\w*|зуби|морд\w*|пик[аиу]|ніс|голов\w*|ребра|поб{AP}?ю"
        r"|відмудох\w*|на районі|на вулиці)(?!\w)",
    )
)
"""More of the real world (written with ``context.game``): English words in another language's
message, a clock time, coming to find the reader or a real pitch, the game denied ("esto no es un
juego"), not joking or an oath, and per language a weapon, the body, a real place or time, the
reader's home and family."""

REAL_WORLD_OTHER_LANGUAGES = compile_patterns(
    (p.rule, p.regex.pattern) for p in (*_REAL_WORLD, *_REAL_WORLD_MORE)
)
"""Every word of the real world above: a threat or a rivalry that names one is not play (used here
and by ``context.game`` in :mod:`safechat.detect.context`)."""

OTHER_LANGUAGE_GROUPS: tuple[PatternGroup, ...] = (
    KYS_OTHER_LANGUAGES,
    EXCLUSION_OTHER_LANGUAGES,
    THREATS_OTHER_LANGUAGES,
    SOLICITATION_OTHER_LANGUAGES,
)
"""Every group of rules above (for :data:`safechat.detect.harm.HARM_PATTERNS`)."""


def find_other_languages(text: str) -> list[RuleHit]:
    """The hits of the rules above on ``text``, less the ones that are not aimed at the reader
    (:func:`unless_told_of`) and the threats that are play (:func:`unless_play`)."""
    hits = run_patterns(text, KYS_OTHER_LANGUAGES, Label.BULLYING)
    hits += run_patterns(text, EXCLUSION_OTHER_LANGUAGES, Label.BULLYING)
    hits += run_patterns(text, SOLICITATION_OTHER_LANGUAGES, Label.SEXUAL)
    hits = unless_told_of(text, hits)
    return hits + unless_play(text, run_patterns(text, THREATS_OTHER_LANGUAGES, Label.THREAT))


def unless_told_of(text: str, hits: list[RuleHit]) -> list[RuleHit]:
    """``hits`` less those quoted or told not to be said ("no le digas 'matate'"), and none when
    ``text`` tells of hurtful words said to the writer or objects to them ("me dicen q me mate",
    "eso no se dice")."""
    if not hits or _TOLD_OF.mentions(text):
        return []
    return [hit for hit in hits if not _said_not(text, hit)]


def unless_play(text: str, hits: list[RuleHit]) -> list[RuleHit]:
    """``hits`` less ``threat.violence`` when ``text`` names a game or a match, or laughs, and
    says nothing of the real world."""
    if not any(hit.rule == "threat.violence" for hit in hits):
        return hits
    if _PLAY.mentions(text) and not REAL_WORLD_OTHER_LANGUAGES.mentions(text):
        return [hit for hit in hits if hit.rule != "threat.violence"]
    return hits


def _said_not(text: str, hit: RuleHit) -> bool:
    before = text[max(0, hit.span.start - 40) : hit.span.start]
    return _QUOTED.search(before) is not None or _SAY_NOT.mentions(before)
