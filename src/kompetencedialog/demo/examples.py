# ruff: noqa: E501, RUF001  (Kolding's text is quoted word for word, long lines and dashes too)
"""Demo practice examples: Kolding's, word for word from KL's published example (seed 003),
and a draft that Børnehuset Solsikken's leader wrote from its process."""

from datetime import date

from kompetencedialog.examples.models import PracticeExample
from kompetencedialog.examples.services import draft_from_process
from kompetencedialog.organisations.models import Organisation, User
from kompetencedialog.processes.models import CompetenceArea, Process

KOLDING_TITLE = "At skabe helhed og sammenhæng i indsatsen på dagtilbudsområdet"

KOLDING = {
    "title": KOLDING_TITLE,
    "date": date(2018, 9, 18),
    "institution_type": Organisation.InstitutionType.DAYCARE,
    "practice": """Projektet er organiseret i samarbejde med Aalborg Universitet.

Projektforløb fra august 2018 – marts 2020.

Der er udarbejdet en tids- og handleplan for hele projektperioden.""",
    "context": """Kontekst:

Kolding Kommunes daginstitutioner har deltaget i projekt læringsledelse siden efteråret 2016. http://laeringsledelse.dk/

Det overordnede mål for Dagtilbudsdelen af Program for læringsledelse er at forbedre alle implicerede børns trivsel, læring og udvikling. Projektet indeholder kompetenceudvikling for alle: Medarbejdere, ledere i dagtilbud og forvaltningsmedarbejdere.

Selve uddannelsesvirksomheden består af fælles foredrag, enkelte kursusdage, samt E-læringsforløb.

Alle daginstitutioner har gennemført et kompetenceudviklingsforløb (kompetencepakke) efter eget valg.

Formål:

Implementering af den nye dagpasningslov med fokus på sammenhæng mellem leg og læring og et øget børneperspektiv.

Den styrkede pædagogiske læreplan inddrages i arbejdet med programmet for at imødekomme de nye lovmæssige krav på dagtilbudsområdet.

Loven skal være fuldt implementeret om to år. Det vil sige, at kommunen og dagtilbuddene har tiden frem til 1. juli 2020 til at forberede og arbejde med implementeringen.

Alle dagtilbud arbejder med kompetencepakken: Børns leg og eksperimenterende virksomhed med start november 2018.

Dette afsluttes med et 5. modul i december 2019 med overskriften:

Arbejde med egen læreplan med afsæt i Den styrkede læreplan, herunder det pædagogiske grundlag, temabeskrivelser og læringsmål.""",
    "policy": """Børneområdets vision 2014 - 2018

Design i børnehøjde er med til at udvikle livsduelige børn

Grundsyn: Via ansvarlighed, professionalisme og fælles fokus skaber vi sammen et dagtilbud, som gør en tydelig forskel for det enkelte barn.

4 Udviklingsmål

• Design/innovation
• Tidlig indsats og inklusion
• Forældreinddragelse – inddragelse af omverdenen
• Rammesætning

Indsatsen knytter sig an til det 4. udviklingsmål: Rammesætning.""",
    "experiences": """Igennem arbejdet med læringsledelse er der kommet mere fokus på praksis i de enkelte institutioner. Det pædagogiske personale har fokus på at udvikle deres praksis med afsæt i data og det de iagttager hos børnene. Der arbejdes ud fra barnets perspektiv. En fælles kompetenceudvikling skaber fælles forståelse, fælles indsats og forankring.

Ledelsen i de enkelte dagtilbud understøttes med særlig kompetenceudvikling, og der stilles krav og forventninger til den pædagogiske ledelse.

På børneområdet i Kolding Kommune har vi netværksledelse. Det betyder, at projektet ”afstemmes” i ledergruppen via deres repræsentanter i den centrale gruppe, som består af en repræsentant fra hver netværksgruppe.

Vi har derudover faglige netværk for pædagoger, som har et særligt ansvar omkring de enkelte læreplanstemaer i institutionerne. Den viden, erfaring og det engagement der er i disse netværk anvendes som ressourcer i projektperioden.""",
    "next_steps": """Når projektperioden er slut marts 2020, er det vigtigt at fastholde de nye arbejdsmetoder og dermed sikre, at arbejdet med læreplanen i den enkelte institution sker i et professionelt læringsfællesskab, som hele tiden reflektere over den praksis, der udøves. Som kan give og modtage sparring og feedback som en naturlig del af det daglige samarbejde.""",
    "resources": """Kompetenceudviklingen er finansieret med 1,7 million kr. fra puljen til implementering af en styrket pædagogisk læreplan.""",
    "advice": """Hold fokus! Prioriter indsatsen! Hvis der skal skabes et fælles kvalitetsløft for en hel kommunes dagtilbud, er det vigtigt, at denne indsats prioriteres.""",
    "contact_email": "buf@kolding.dk",
}
KOLDING_AREAS = ["play", "learning", "child_perspective", "professional_leadership"]


def load_examples(organisations: dict[str, Organisation]) -> int:
    """Kolding's published example and Solsikken's draft, unless they are there; returns new."""
    created = 0
    kolding = organisations["Kolding Kommune"]
    if not PracticeExample.objects.filter(organisation=kolding, title=KOLDING_TITLE).exists():
        example = PracticeExample.objects.create(
            organisation=kolding,
            status=PracticeExample.Status.PUBLISHED,
            published_at=kolding.created,
            **KOLDING,
        )
        example.competence_areas.set(CompetenceArea.objects.filter(slug__in=KOLDING_AREAS))
        created += 1
    solsikken = organisations["Børnehuset Solsikken"]
    if not PracticeExample.objects.filter(organisation=solsikken).exists():
        process = Process.objects.get(organisation=solsikken, title="Sprog i hverdagen")
        draft_from_process(process=process, by=User.objects.get(email="leder@eksempel.test"))
        created += 1
    return created
