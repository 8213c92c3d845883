"""The dialogue tool's content against the seed (KL/BUPL's text), typed here independently.

Our product is worth nothing if a single question is missing or reworded: these lists are typed
from seeds/004 by hand, not read from toolkit/data/, so a slip in either shows up.
"""

import shutil

import pytest
from django.core.management import call_command

from kompetencedialog.toolkit.loader import DATA_DIR, load_toolkits
from kompetencedialog.toolkit.models import Card, Note, Notebook, Phase, Question, Toolkit

SEED_CARDS = {
    "forstaaelse-af-udfordringen": (
        "Forståelse af udfordringen",
        [
            "Hvilke faglige udfordringer oplever vi?",
            "Hvem vil andre opleve disse udfordringer?",
            "Hvad vil de sige om dem?",
            "Hvis vi skulle give udfordringerne et fælles navn eller en overskrift, "
            "hvad skulle det så være?",
            "Hvilken indflydelse har det på vores pædagogiske praksis?",
            "Hvornår er det særligt, vi oplever denne eller disse udfordringer?",
            "I hvilke situationer mærker vi udfordringen mindre end på andre tidspunkter? "
            "Hvad fortæller det os om udfordringen?",
        ],
    ),
    "oensker-til-fremtidig-praksis": (
        "Ønsker til fremtidig praksis",
        [
            "Hvordan ønsker vi, at en fremtidig pædagogisk praksis skal se ud?",
            "Hvordan ser vores fremtidige praksis ud, når udfordringen er håndteret?",
            "Hvad vil det betyde for os?",
            "Hvad vil det betyde for børnene?",
            "Hvilke perspektiver kan forældrene have?",
        ],
    ),
    "overblik-over-erfaringer-og-kompetencer": (
        "Overblik over erfaringer og kompetencer",
        [
            "Hvilke erfaringer og kompetencer har vi allerede, og hvilke har vi behov for at "
            "udvikle?",
            "Hvem, blandt alle dem vi samarbejder med, har nogle kompetencer, "
            "som vi har behov for?",
            "Hvad er det, disse personer kan, som er vigtigt for os?",
            "Hvad vil vi kunne gøre i fremtiden, som vi ikke allerede kan i dag?",
            "Ud fra det vi har talt om indtil nu, hvilke kompetencer skal vi så have udviklet "
            "fremadrettet?",
        ],
    ),
    "det-vi-har-behov-for": (
        "Det vi har behov for",
        [
            "Hvordan styrker vi bedst kompetencer?",
            "Hvilke kompetencer var det, vi valgte at fokusere på i undersøgelsesfasen?",
            "Hvilke af disse kompetencer er særligt vigtige, for at vi kan håndtere vores "
            "udfordring?",
            "Hvad er vores tidligere erfaringer med kompetenceudvikling?",
            "Hvad har fungeret godt?",
            "Hvad har fungeret mindre godt?",
            "Hvordan vil vi bruge denne viden fremadrettet ift. vores aktuelle udfordring?",
            "Hvilke andre indsatser eller tidligere kompetenceudviklingsaktiviteter er det vigtigt "
            "at få skabt en rød tråd til?",
            "Kan vi med fordel bygge videre på noget, vi allerede kan eller har sat i søen?",
        ],
    ),
    "muligheder-for-kompetenceudvikling": (
        "Muligheder for kompetenceudvikling",
        [
            "Hvilke kompetenceudviklingsforløb passer bedst til vores behov?",
            "Hvilke formater kan bidrage positivt til håndteringen af vores udfordring og indgå i "
            "vores kompetenceudvikling?",
            "Hvilke muligheder er der for at gennemføre denne kompetenceudvikling? Eksemplerne kan "
            "måske inspirere.",
            "Hvad er det, vi talte om i den tidligere undersøgelsesfase vedr. det, vi allerede "
            "selv kan?",
            "Kan dette sættes yderligere i spil, så det gavner os alle?",
            "Hvem kender vi i organisationen, som kan det, vi gerne vil kunne? Kan vi få denne "
            "person til at hjælpe os videre?",
        ],
    ),
    "dem-vi-skal-have-med": (
        "Dem vi skal have med",
        [
            "Hvem skal være med til hvad i kompetenceudviklingsforløbet?",
            "Hvorfor netop dem?",
            "Er der nogle udenfor vores eget område, som med fordel kan være en del af "
            "kompetenceudviklingsforløbet?",
            "Hvorfor?",
            "Hvem skal vi tale med om dette?",
        ],
    ),
    "synlighed-og-engagement": (
        "Synlighed og engagement",
        [
            "Hvordan skaber vi fællesskab og engagement om det, vi sætter i gang?",
            "Hvordan får vi skabt et godt kompetenceudviklingsforløb?",
            "Hvad skal vi gøre for at motivere kolleger, så de også synes, at det, vi sætter i "
            "gang, er vigtigt? Kan eksemplerne give inspiration?",
            "Hvem kunne være gode til at skabe denne motivation?",
            "Hvordan vedligeholder vi engagementet gennem hele forløbet?",
        ],
    ),
    "forankring-i-praksis": (
        "Forankring i praksis",
        [
            "Hvordan får vi kompetenceudviklingen knyttet bedst muligt til den pædagogiske "
            "praksis?",
            "Hvad skal vi gøre for at indarbejde vores nye kompetencer i vores praksis?",
            "Hvordan kan vi se, at vores nye kompetencer bliver anvendt i praksis?",
            "Hvordan får vi skabt rum til at gøre noget nyt?",
            "Hvilke andre tiltag er igangsat, som dette kompetenceudviklingsforløb kan tænkes "
            "ind i?",
            "Hvordan kan vi planlægge kompetenceudviklingsforløbet, så det i høj grad gennemføres, "
            "mens vi løser vores kerneopgave?",
            "Skal andre indsatser erstattes eller nedjusteres for at give plads til nye?",
            "Hvilke andre ting skal have vores opmærksom, så vores hverdag og "
            "kompetenceudviklingsforløbet kommer til at gå hånd i hånd?",
            "Hvilke aftaler og forventningsafstemninger skal være på plads for at skabe de bedste "
            "forudsætninger for at lykkes?",
        ],
    ),
    "organisering-opfoelgning-og-beslutning": (
        "Organisering, opfølgning og beslutning",
        [
            "Hvordan organiserer vi forløbet og følger op?",
            "Hvilke markører skal vi sætte op, så vi kan følge med i "
            'kompetenceudviklingsforløbets udvikling? Hvad gør vi, hvis "kursen" må ændres?',
            "Hvem skal involveres i dialoger om dette? Hvilke roller skal de have? Hvor ofte skal "
            "de mødes?",
            "Hvordan får vi fulgt op på den enkelte medarbejders udvikling, fx i MUS og "
            "udviklingsplaner?",
            "Hvilke typer af ressourcer skal samlet set være til stede, for at beslutningen kan "
            "føres ud i livet?",
            "Hvilke beslutninger skal træffes, for at vi kan komme i gang?",
        ],
    ),
}

SEED_PHASES = {
    "investigate": {
        "title": "Undersøgelse",
        "question": "Hvad er vores behov?",
        "colour": "blue",
        "cards": [
            "forstaaelse-af-udfordringen",
            "oensker-til-fremtidig-praksis",
            "overblik-over-erfaringer-og-kompetencer",
        ],
        "intro": "I de følgende blå dialogkort kan I undersøge jeres udfordringer og behov for "
        "kompetenceudvikling. Det kan være nyttigt at lade de efterfølgende punkter indgå som "
        "inspiration.",
        "headings": ["At undersøge", "Hvad vil I opnå", "Involvering"],
        "section_starts": [
            "Det er en god idé at forholde sig nysgerrigt og undersøgende",
            "Det kan ofte betale sig at begynde med slutningen;",
            "Det er ofte en rigtig god idé at invitere kolleger,",
        ],
        "central_questions": [
            "Hvilke faglige udfordringer oplever vi?",
            "Hvilken indflydelse har de på vores pædagogiske praksis?",
            "Hvordan ønsker vi, at en fremtidig pædagogisk praksis skal se ud?",
            "Hvilke erfaringer og kompetencer har vi allerede?",
            "Hvilke kompetencer har vi behov for at udvikle?",
        ],
    },
    "intervene": {
        "title": "Kompetenceindsats",
        "question": "Hvad kalder det på?",
        "colour": "orange",
        "cards": [
            "det-vi-har-behov-for",
            "muligheder-for-kompetenceudvikling",
            "dem-vi-skal-have-med",
        ],
        "intro": "I de følgende orange dialogkort kan I udvælge de indsatser, der skal indgå i "
        "jeres videre arbejde. Det kan være nyttigt at lade de efterfølgende punkter indgå som "
        "inspiration.",
        "headings": [
            "Den brede forståelse af kompetenceudvikling",
            "Strategisk kompetenceudvikling",
            "Udvælgelse af indsatser",
        ],
        "section_starts": [
            "Kompetenceudvikling omhandler alle aktiviteter",
            "Strategisk kompetenceudvikling forstås ved",
            "Når der skal træffes beslutninger",
        ],
        "central_questions": [
            "Hvordan styrker vi bedst kompetencer?",
            "Hvilke kompetenceudviklingsforløb passer bedst til vores behov?",
            "Hvem skal være en del af kompetenceudviklingsforløbet?",
        ],
        "poster_questions": [
            "Hvordan styrker vi bedst kompetencer?",
            "Hvilke kompetenceudviklingsforløb passer bedst til vores behov?",
            "Hvem skal være med til hvad i kompetenceudviklingsforløbet?",
        ],
    },
    "plan": {
        "title": "Planlægning",
        "question": "Hvordan kommer vi i gang?",
        "colour": "green",
        "cards": [
            "synlighed-og-engagement",
            "forankring-i-praksis",
            "organisering-opfoelgning-og-beslutning",
        ],
        "intro": "I de følgende grønne dialogkort kan I planlægge jeres "
        "kompetenceudviklingsforløb. Det kan være nyttigt at lade de efterfølgende punkter indgå "
        "som inspiration.",
        "headings": [
            "Om at få ting til at ske",
            "Om at få alle med",
            "Forankring i praksis",
            "Sammenhængen til andre indsatser",
        ],
        "section_starts": [
            "En god planlægning er en vigtig forudsætning",
            "Det kan være en god idé at involvere flest mulige",
            "Forankringen af det, I gerne vil, er opnået",
            "Der sker mange ting i hverdagen",
        ],
        "central_questions": [
            "Hvordan skaber vi fællesskab og engagement om det, vi sætter i gang?",
            "Hvordan får vi skabt et godt kompetenceudviklingsforløb?",
            "Hvordan kan vi få det til at fungere bedst muligt i vores hverdag?",
            "Hvordan indarbejder vi de nye kompetencer i vores praksis?",
            "Hvem skal gøre hvad, for at vi kommer i gang?",
        ],
    },
}

# The longer section texts, checked whole (the seed's words with its line breaks joined).
SEED_SECTION_TEXTS = [
    "Der er ofte mange årsager og sammenhænge i spil på samme tid, når man får øje på en "
    "udfordring i forhold til den pædagogiske praksis.",
    "Tydelige forestillinger om en ønsket fremtid kan bidrage til at finde de nødvendige behov "
    "for kompetenceudvikling.",
    "En tidlig involvering af de rette personer giver ofte et større ejerskab til den ønskede "
    "praksis.",
    "Kompetenceudvikling kan derfor forstås bredere end kurser og formelle "
    "kompetenceudviklingsforløb.",
    "og det er det, redskabet til strategisk kompetenceudvikling først og fremmest er udviklet "
    "til at understøtte.",
    "Meget taler f.eks. for, at kompetenceudvikling, som foregår i tilknytning til hverdagens "
    "praksis, har en høj effekt.",
    "f.eks. hvordan der skabes en høj grad af involvering, en god tilrettelæggelse af "
    "kompetenceudviklingen og en god plan for, hvordan kompetenceudviklingen indarbejdes i "
    "hverdagen.",
    "Dette kan f.eks. ske ved løbende dialog om, hvorfor forløbet sættes i gang, hvordan "
    "forløbet bevæger sig fremad, samt hvad de næste tanker om forløbet er.",
    "Dialogen kan være et vigtigt værktøj for at få skabt ejerskab og lyst til det nye i "
    "personalegruppen.",
    "eller foretage en prioritering af alle igangsatte aktiviteter, så der fokuseres på det "
    "vigtigste.",
]

SEED_EXAMPLES = {
    "skole": {
        "muligheder-for-kompetenceudvikling": [
            "Kollegial sparring",
            "Faglig ledelse",
            "Sparring og supervision, ex samarbejde med anden skole",
            "Faglige arrangementer på skolen",
            "Kurser og udviklingsforløb",
            "Uddannelsesforløb",
            "Andet?",
        ],
    },
    "dagtilbud": {
        "muligheder-for-kompetenceudvikling": [
            "Kollegial sparring",
            "Faglig ledelse",
            "Sparring og supervision, ex samarbejde med andet dagtilbud",
            "Faglige arrangementer i dagtilbuddet",
            "Kurser og udviklingsforløb",
            "Uddannelsesforløb",
            "Andet?",
        ],
    },
}
ENGAGEMENT_IDEAS = [
    "Tydeliggøre tegn på udvikling og fremskridt?",
    "Løbende orientering?",
    "Involvering og uddelegering af ansvar?",
    "Andet?",
]

SEED_TOOLKIT = {
    "title": "Dialogredskab til strategisk kompetenceudvikling",
    "poster_title": "Strategisk kompetenceudvikling i pædagogisk arbejde",
    "poster_text": [
        "Spørgsmålene i dette dialogredskab kan hjælpe jer med at blive endnu mere undersøgende, "
        "helhedsorienterede og strategiske, når I arbejder med kompetenceudvikling.",
        "I kan bruge dialogredskabet, når I oplever faglige udfordringer i den pædagogiske "
        "praksis. Drøft spørgsmålene på afdelings- eller personalemøder.",
    ],
    "intro_heading": "Introduktion til dialogredskabet",
    "intro": [
        "Det er hensigten, at dialogredskabet medvirker til, at I får gode og vigtige dialoger "
        "om, hvilke pædagogiske udfordringer I oplever i jeres praksis, samt hvilke kompetencer "
        "disse udfordringer kalder på.",
        "Dialogredskabet stiller en række spørgsmål, som kan få jer til at ”tænke højt sammen”, "
        "skabe dialog og give jer et samlet overblik, som er vigtigt i arbejdet med strategisk "
        "kompetenceudvikling.",
        "Dialogredskabet er opbygget i tre faser, der hver har en række dialogkort, som kan "
        "medvirke til at udfolde dialogerne fra dialogredskabet yderligere.",
        "I kan hænge dialogredskabet op til inspiration, til dialog og til overvejelser, mens "
        "dialogkortene kan medvirke til, at I kan komme til at arbejde endnu dybere med jeres "
        "konkrete dialoger om de faglige udfordringer og kompetencebehov.",
    ],
    "sections": [
        "Kompetenceudvikling bliver strategisk, når den kobles til den vision eller de mål, der "
        "skal indfries på området. I den strategiske kompetenceudvikling er der truffet bevidste "
        "valg om, hvad der skal til for udvikle kvaliteten i retning af mål og vision.",
        "Strategisk kompetenceudvikling tager derfor afsæt i en undersøgelse af og dialog om, "
        "hvilke udfordringer der opleves i den pædagogiske praksis, og hvilken viden og "
        "kompetencer I mangler for at løse de udfordringer, der er identificeret.",
        "Dialogredskabet er afledt af et samarbejde mellem KL og BUPL som led i et partsprojekt, "
        "der har til formål at understøtte børneinstitutioners strategiske arbejde med "
        "pædagogers kompetenceudvikling.",
    ],
}
SEED_OPENING = {
    "skole": "Dialogredskabet til strategisk kompetenceudvikling kan inspirere jer i udviklingen "
    "af jeres arbejde på en fri grundskole",
    "dagtilbud": "Dialogredskabet til strategisk kompetenceudvikling kan inspirere jer i "
    "udviklingen af jeres arbejde i dagtilbuddet",
}

VARIANTS = ["dagtilbud", "skole"]


@pytest.fixture
def loaded(dagtilbud):
    return {t.variant: t for t in Toolkit.objects.filter(version="2023")}


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_card_question_is_word_for_word_the_seeds(loaded, variant):
    cards = Card.objects.filter(phase__toolkit=loaded[variant]).prefetch_related("questions")
    found = {card.slug: (card.title, [q.text for q in card.questions.all()]) for card in cards}
    assert found == SEED_CARDS


@pytest.mark.parametrize("variant", VARIANTS)
def test_phases_have_the_seeds_titles_intros_headings_and_central_questions(loaded, variant):
    phases = list(Phase.objects.filter(toolkit=loaded[variant]).prefetch_related("cards"))
    assert [p.key for p in phases] == ["investigate", "intervene", "plan"]
    assert [p.number for p in phases] == [1, 2, 3]
    for phase in phases:
        seed = SEED_PHASES[phase.key]
        assert phase.title == seed["title"]
        assert phase.question == seed["question"]
        assert phase.colour == seed["colour"]
        assert phase.intro == seed["intro"]
        assert [s["heading"] for s in phase.sections] == seed["headings"]
        for section, start in zip(phase.sections, seed["section_starts"], strict=True):
            assert section["text"].startswith(start)
        assert phase.central_questions == seed["central_questions"]
        assert phase.poster_questions == seed.get("poster_questions", seed["central_questions"])
        assert [c.slug for c in phase.cards.all()] == seed["cards"]
    all_section_text = " ".join(s["text"] for p in phases for s in p.sections)
    for text in SEED_SECTION_TEXTS:
        assert text in all_section_text


@pytest.mark.parametrize("variant", VARIANTS)
def test_card_examples_are_the_seeds(loaded, variant):
    cards = {c.slug: c for c in Card.objects.filter(phase__toolkit=loaded[variant])}
    expected = SEED_EXAMPLES[variant]["muligheder-for-kompetenceudvikling"]
    assert cards["muligheder-for-kompetenceudvikling"].examples == expected
    assert cards["synlighed-og-engagement"].examples == ENGAGEMENT_IDEAS
    others = set(cards) - {"muligheder-for-kompetenceudvikling", "synlighed-og-engagement"}
    assert all(cards[slug].examples == [] for slug in others)


@pytest.mark.parametrize("variant", VARIANTS)
def test_toolkit_intro_is_the_seeds(loaded, variant):
    toolkit = loaded[variant]
    assert toolkit.title == SEED_TOOLKIT["title"]
    assert toolkit.poster_title == SEED_TOOLKIT["poster_title"]
    assert toolkit.poster_text.split("\n\n") == SEED_TOOLKIT["poster_text"]
    assert toolkit.intro_heading == SEED_TOOLKIT["intro_heading"]
    assert toolkit.intro.split("\n\n") == [SEED_OPENING[variant], *SEED_TOOLKIT["intro"]]
    texts = [paragraph for s in toolkit.sections for paragraph in s["text"].split("\n\n")]
    assert texts == SEED_TOOLKIT["sections"]


def test_the_school_variant_keeps_the_seeds_school_wording_and_daycare_replaces_it(loaded):
    def all_text(toolkit):
        cards = Card.objects.filter(phase__toolkit=toolkit)
        return " ".join([toolkit.intro, *(e for c in cards for e in c.examples)])

    school, daycare = all_text(loaded["skole"]), all_text(loaded["dagtilbud"])
    assert "fri grundskole" in school and "anden skole" in school and "på skolen" in school
    assert "skole" not in daycare
    assert "andet dagtilbud" in daycare and "i dagtilbuddet" in daycare


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_text_has_an_english_translation(loaded, variant):
    toolkit = loaded[variant]
    assert toolkit.title_en and toolkit.intro_en and toolkit.poster_text_en
    assert len(toolkit.sections_en) == len(toolkit.sections)
    for phase in Phase.objects.filter(toolkit=toolkit):
        assert phase.title_en and phase.question_en and phase.intro_en
        assert all(s["heading"] and s["text"] for s in phase.sections_en)
        assert len(phase.central_questions_en) == len(phase.central_questions)
        assert all(phase.central_questions_en)
    for card in Card.objects.filter(phase__toolkit=toolkit).prefetch_related("questions"):
        assert card.title_en
        assert len(card.examples_en) == len(card.examples) and all(card.examples_en)
        assert all(q.text_en for q in card.questions.all())


def test_loading_twice_creates_nothing_new(dagtilbud):
    counts = (Toolkit.objects.count(), Card.objects.count(), Question.objects.count())
    call_command("load_toolkits", verbosity=0)
    assert (Toolkit.objects.count(), Card.objects.count(), Question.objects.count()) == counts
    assert counts == (2, 18, 2 * sum(len(q) for _t, q in SEED_CARDS.values()))


def test_reloading_updates_texts_in_place_and_notes_stay_attached(dagtilbud, tmp_path):
    question = Question.objects.get(
        card__phase__toolkit=dagtilbud, card__slug="dem-vi-skal-have-med", position=2
    )
    notebook = Notebook.objects.create(toolkit=dagtilbud, title="Øvelse")
    Note.objects.create(notebook=notebook, question=question, text="Fordi de kender børnene")
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "dagtilbud.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Hvorfor netop dem?", "Hvorfor lige dem?"),
        encoding="utf-8",
    )

    load_toolkits(data)

    question.refresh_from_db()
    assert question.text == "Hvorfor lige dem?"
    assert question.notes.get().text == "Fordi de kender børnene"


def test_a_new_version_becomes_current_and_leaves_the_old_one_alone(dagtilbud, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    text = (DATA_DIR / "dagtilbud.yaml").read_text(encoding="utf-8")
    text = text.replace('version: "2023"', 'version: "2026"').replace(
        "slug: dagtilbud-2023", "slug: dagtilbud-2026"
    )
    (data / "dagtilbud.yaml").write_text(
        text.replace("Hvorfor netop dem?", "Hvorfor lige dem?"), encoding="utf-8"
    )

    load_toolkits(data)

    new = Toolkit.objects.get(slug="dagtilbud-2026")
    dagtilbud.refresh_from_db()
    assert new.is_current and not dagtilbud.is_current
    old_texts = Question.objects.filter(card__phase__toolkit=dagtilbud).values_list(
        "text", flat=True
    )
    assert "Hvorfor netop dem?" in old_texts and "Hvorfor lige dem?" not in old_texts
    assert Toolkit.objects.get(slug="skole-2023").is_current
