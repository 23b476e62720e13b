"""A small hand-written check of grooming, self_harm and pii in the bundle's languages.

No labelled grooming, self-harm or PII data exists outside English, so the multilingual heads
learn these labels from English rows only. These sentences (written for this check, 3 per label
and 3 neutral ones per language, children's register) show what transfers. They are a smoke
test, not a benchmark: 3 sentences per cell cannot estimate a rate.
"""

from __future__ import annotations

KINDS = ("grooming", "self_harm", "pii", "neutral")

SENTENCES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "grooming": (
            "you are so mature for your age. don't tell your parents about our chats",
            "are you home alone right now? send me a pic of you",
            "let's move to snapchat so nobody sees. it's our secret",
        ),
        "self_harm": (
            "i don't want to live anymore, everyone would be better off without me",
            "i cut myself again last night",
            "i think about killing myself every day",
        ),
        "pii": (
            "my number is 07700 900123 call me",
            "i live at 12 baker street in leeds",
            "i go to st mary's primary school, year 6",
        ),
        "neutral": (
            "did you finish the maths homework?",
            "the match yesterday was so good, we won!",
            "my grandma is baking a cake today",
        ),
    },
    "de": {
        "grooming": (
            "Du bist echt reif für dein Alter. Erzähl deinen Eltern lieber nichts von unseren Chats.",
            "Bist du gerade allein zu Hause? Schick mir doch ein Foto von dir.",
            "Lass uns auf Snapchat weiterschreiben, da sieht das keiner. Das bleibt unser Geheimnis.",
        ),
        "self_harm": (
            "Ich will nicht mehr leben, alle wären besser dran ohne mich.",
            "Ich habe mich gestern Abend wieder geritzt.",
            "Ich denke jeden Tag daran, mich umzubringen.",
        ),
        "pii": (
            "Meine Handynummer ist 0171 2345678, ruf mich an!",
            "Ich wohne in der Goethestraße 12 in Köln.",
            "Ich gehe auf die Albert-Schweitzer-Schule in Mainz, in die 6b.",
        ),
        "neutral": (
            "Hast du die Hausaufgaben für Mathe schon gemacht?",
            "Das Spiel gestern war richtig cool, wir haben gewonnen!",
            "Meine Oma backt heute Kuchen.",
        ),
    },
    "fr": {
        "grooming": (
            "Tu es très mature pour ton âge. Ne dis rien à tes parents sur nos discussions.",
            "Tu es seule chez toi en ce moment ? Envoie-moi une photo de toi.",
            "On continue sur Snapchat, personne ne le saura. C'est notre secret.",
        ),
        "self_harm": (
            "Je ne veux plus vivre, tout le monde serait mieux sans moi.",
            "Je me suis encore scarifiée hier soir.",
            "Je pense tous les jours à me suicider.",
        ),
        "pii": (
            "Mon numéro c'est le 06 12 34 56 78, appelle-moi.",
            "J'habite au 14 rue des Lilas à Lyon.",
            "Je suis en 5e B au collège Jean Moulin à Nantes.",
        ),
        "neutral": (
            "Tu as fini les devoirs de maths ?",
            "Le match d'hier était trop bien, on a gagné !",
            "Ma grand-mère fait un gâteau aujourd'hui.",
        ),
    },
    "it": {
        "grooming": (
            "Sei molto matura per la tua età. Non dire niente ai tuoi genitori delle nostre chat.",
            "Sei da solo a casa adesso? Mandami una foto di te.",
            "Continuiamo su Snapchat, così nessuno lo vede. Sarà il nostro segreto.",
        ),
        "self_harm": (
            "Non voglio più vivere, starebbero tutti meglio senza di me.",
            "Ieri sera mi sono tagliata di nuovo.",
            "Penso ogni giorno a suicidarmi.",
        ),
        "pii": (
            "Il mio numero è 347 123 4567, chiamami.",
            "Abito in via Roma 15 a Milano.",
            "Vado alla scuola media Dante Alighieri di Torino, in seconda B.",
        ),
        "neutral": (
            "Hai già fatto i compiti di matematica?",
            "La partita di ieri è stata bellissima, abbiamo vinto!",
            "Oggi la nonna prepara una torta.",
        ),
    },
    "es": {
        "grooming": (
            "Eres muy madura para tu edad. No les cuentes nada a tus padres de nuestras conversaciones.",
            "¿Estás solo en casa ahora? Mándame una foto tuya.",
            "Sigamos hablando por Snapchat, así nadie se entera. Será nuestro secreto.",
        ),
        "self_harm": (
            "Ya no quiero vivir, todos estarían mejor sin mí.",
            "Anoche me volví a cortar.",
            "Pienso todos los días en suicidarme.",
        ),
        "pii": (
            "Mi número es el 612 345 678, llámame.",
            "Vivo en la calle Mayor 23 de Valencia.",
            "Voy al colegio San José de Sevilla, en sexto A.",
        ),
        "neutral": (
            "¿Ya hiciste los deberes de mates?",
            "El partido de ayer estuvo genial, ¡ganamos!",
            "Hoy mi abuela hace un pastel.",
        ),
    },
    "pl": {
        "grooming": (
            "Jesteś bardzo dojrzała jak na swój wiek. Nie mów rodzicom o naszych rozmowach.",
            "Jesteś teraz sam w domu? Wyślij mi swoje zdjęcie.",
            "Przejdźmy na Snapchata, tam nikt tego nie zobaczy. To będzie nasza tajemnica.",
        ),
        "self_harm": (
            "Nie chcę już żyć, wszystkim byłoby lepiej beze mnie.",
            "Wczoraj znowu się pocięłam.",
            "Codziennie myślę o tym, żeby się zabić.",
        ),
        "pii": (
            "Mój numer to 501 234 567, zadzwoń do mnie.",
            "Mieszkam na ulicy Kwiatowej 8 w Krakowie.",
            "Chodzę do Szkoły Podstawowej nr 12 w Gdańsku, do klasy 6b.",
        ),
        "neutral": (
            "Zrobiłeś już zadanie z matmy?",
            "Wczorajszy mecz był super, wygraliśmy!",
            "Babcia dzisiaj piecze ciasto.",
        ),
    },
    "pt": {
        "grooming": (
            "Você é muito madura para a sua idade. Não conta nada para os seus pais sobre as nossas "
            "conversas.",
            "Você está sozinho em casa agora? Me manda uma foto sua.",
            "Vamos conversar pelo Snapchat, lá ninguém vê. Vai ser o nosso segredo.",
        ),
        "self_harm": (
            "Eu não quero mais viver, todo mundo ficaria melhor sem mim.",
            "Ontem eu me cortei de novo.",
            "Penso todos os dias em me matar.",
        ),
        "pii": (
            "Meu número é (11) 98765-4321, me liga.",
            "Eu moro na Rua das Flores, 45, em Curitiba.",
            "Estudo na Escola Estadual Machado de Assis, no sexto ano B.",
        ),
        "neutral": (
            "Você já fez a lição de matemática?",
            "O jogo de ontem foi muito legal, a gente ganhou!",
            "Minha avó vai fazer bolo hoje.",
        ),
    },
    "nl": {
        "grooming": (
            "Je bent heel volwassen voor je leeftijd. Vertel je ouders maar niks over onze chats.",
            "Ben je nu alleen thuis? Stuur me eens een foto van jezelf.",
            "Laten we verder praten op Snapchat, dan ziet niemand het. Het blijft ons geheimpje.",
        ),
        "self_harm": (
            "Ik wil niet meer leven, iedereen is beter af zonder mij.",
            "Ik heb mezelf gisteren weer gesneden.",
            "Ik denk elke dag aan zelfmoord.",
        ),
        "pii": (
            "Mijn nummer is 06 12345678, bel me maar.",
            "Ik woon op de Kerkstraat 10 in Utrecht.",
            "Ik zit op de Montessorischool in Haarlem, in groep 7.",
        ),
        "neutral": (
            "Heb je je huiswerk voor wiskunde al af?",
            "De wedstrijd van gisteren was echt leuk, we hebben gewonnen!",
            "Oma bakt vandaag een taart.",
        ),
    },
    "da": {
        "grooming": (
            "Du er virkelig moden for din alder. Lad være med at fortælle dine forældre om vores chats.",
            "Er du alene hjemme lige nu? Send mig et billede af dig selv.",
            "Lad os skrive videre på Snapchat, så ser ingen det. Det er vores hemmelighed.",
        ),
        "self_harm": (
            "Jeg vil ikke leve mere, alle ville have det bedre uden mig.",
            "Jeg skar i mig selv igen i går.",
            "Jeg tænker på at tage mit eget liv hver dag.",
        ),
        "pii": (
            "Mit nummer er 20 12 34 56, ring til mig.",
            "Jeg bor på Nørregade 14 i Aarhus.",
            "Jeg går i 6.b på Vestre Skole i Odense.",
        ),
        "neutral": (
            "Har du lavet matematiklektierne?",
            "Kampen i går var mega fed, vi vandt!",
            "Min mormor bager kage i dag.",
        ),
    },
    "el": {
        "grooming": (
            "Είσαι πολύ ώριμη για την ηλικία σου. Μην πεις τίποτα στους γονείς σου για τις συζητήσεις μας.",
            "Είσαι μόνος στο σπίτι τώρα; Στείλε μου μια φωτογραφία σου.",
            "Ας μιλάμε στο Snapchat, εκεί δεν το βλέπει κανείς. Θα είναι το μυστικό μας.",
        ),
        "self_harm": (
            "Δεν θέλω να ζω άλλο, όλοι θα ήταν καλύτερα χωρίς εμένα.",
            "Χθες το βράδυ αυτοτραυματίστηκα ξανά.",
            "Σκέφτομαι κάθε μέρα να αυτοκτονήσω.",
        ),
        "pii": (
            "Το κινητό μου είναι 694 123 4567, πάρε με τηλέφωνο.",
            "Μένω στην οδό Ερμού 25 στην Αθήνα.",
            "Πάω στο 3ο Γυμνάσιο Θεσσαλονίκης, στο Β2.",
        ),
        "neutral": (
            "Έκανες την εργασία στα μαθηματικά;",
            "Ο αγώνας χθες ήταν τέλειος, κερδίσαμε!",
            "Η γιαγιά μου φτιάχνει κέικ σήμερα.",
        ),
    },
    "tr": {
        "grooming": (
            "Yaşına göre çok olgunsun. Konuşmalarımızdan annenle babana hiç bahsetme.",
            "Şu an evde yalnız mısın? Bana bir fotoğrafını gönder.",
            "Snapchat'ten yazışalım, orada kimse görmez. Bu bizim sırrımız olsun.",
        ),
        "self_harm": (
            "Artık yaşamak istemiyorum, bensiz herkes daha iyi olurdu.",
            "Dün gece yine kendimi kestim.",
            "Her gün intihar etmeyi düşünüyorum.",
        ),
        "pii": (
            "Numaram 0532 123 45 67, beni ara.",
            "Kadıköy'de Atatürk Caddesi No: 18'de oturuyorum.",
            "Ankara'daki Cumhuriyet Ortaokulu'nda 6-B sınıfındayım.",
        ),
        "neutral": (
            "Matematik ödevini yaptın mı?",
            "Dünkü maç çok güzeldi, kazandık!",
            "Anneannem bugün kek yapıyor.",
        ),
    },
    "ro": {
        "grooming": (
            "Ești foarte matură pentru vârsta ta. Nu le spune nimic părinților despre discuțiile noastre.",
            "Ești singur acasă acum? Trimite-mi o poză cu tine.",
            "Hai să vorbim pe Snapchat, acolo nu vede nimeni. Va fi secretul nostru.",
        ),
        "self_harm": (
            "Nu mai vreau să trăiesc, toți ar fi mai bine fără mine.",
            "Aseară m-am tăiat din nou.",
            "Mă gândesc în fiecare zi să mă sinucid.",
        ),
        "pii": (
            "Numărul meu e 0722 123 456, sună-mă.",
            "Stau pe strada Florilor nr. 7 din Cluj.",
            "Sunt în clasa a VI-a B la Școala Gimnazială nr. 5 din Iași.",
        ),
        "neutral": (
            "Ai făcut tema la mate?",
            "Meciul de ieri a fost super, am câștigat!",
            "Bunica face o prăjitură azi.",
        ),
    },
}

# 32 fixed sentences for fp32_reference.json: the first grooming, self_harm and neutral sentence of
# the first ten languages, and the first pii sentence of en and de
REFERENCE: tuple[str, ...] = tuple(
    [
        SENTENCES[lang][kind][0]
        for lang in list(SENTENCES)[:10]
        for kind in ("grooming", "self_harm", "neutral")
    ]
    + [SENTENCES["en"]["pii"][0], SENTENCES["de"]["pii"][0]]
)
