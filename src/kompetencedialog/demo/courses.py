# The seed texts use typographic dashes; we keep them word for word.
# ruff: noqa: RUF001
"""The two learning days of the seed texts (001 and 002), word for word, offered by Eksempel
Kommune's administration: one with a team that has free seats, one with no start dates."""

from datetime import timedelta

from django.utils import timezone

from kompetencedialog.courses.models import Course, CourseRun, Enrolment

FIRST_1000_DAYS = {
    "title": "Læringsdag for ledere og forvaltningsfolk i 1000 dages programmet",
    "audience": Course.Audience.LEADERSHIP,
    "introduction": (
        "På læringsdagen fokuseres der på ledelse af indsatser ved barnets første 1000 dage og "
        "de understøttende strukturer, der forankrer og videreudvikler den nye viden og de nye "
        "kompetencer, dagplejerne, pædagogerne og de pædagogiske assistenter opbygger i "
        "forbindelse med kompetenceudviklingen.\n"
        "Viden- og kompetenceudviklingsforløbene retter sig primært mod medarbejdernes "
        "udvikling. I forhold hertil er det helt centralt, at hver enkelt kommune og dagtilbud "
        "overvejer sin egen kompetence- og organisationsudviklingsstrategi for at skabe de "
        "bedste forudsætninger for varige forandringer i den pædagogiske hverdag og sikre "
        "bæredygtige indsatser ved barnets første 1000 dage."
    ),
    "target_group": (
        "Målgruppen for læringsdagen er forvaltningscheferne, klynge- og områdelederne, de "
        "pædagogiske ledere samt de pædagogiske konsulenter, der er ansvarlige for at "
        "understøtte kompetenceudvikling og udviklingsstrukturer i dagtilbuddene."
    ),
    "purpose": (
        "Læringsdagen giver deltagerne indsigt i det komplekse i udfoldning af elementer fra "
        "kompetenceudviklingsforløbet ”Barnets første 1000 dage”, i det daglige arbejde – og "
        "fokus på de understøttende organisatoriske strukturer samt den strategiske tænkning om "
        "kompetence- og organisationsudvikling på dagtilbudsområdet.\n"
        "På læringsdagen sætter vi fokus på:\n"
        "- Ledelsespositioner og opgaver ift. at understøtte og koordinere indsatser i barnets "
        "første 1000 dage.\n"
        "- Hvordan I konkret kan arbejde fremadrettet med henblik på at styrke strukturer, "
        "processer, metoder og kompetenceudvikling, som understøtter arbejdet med indsatser i "
        "barnets første 1000 dage.\n"
        "- Forandring og forankring af nye tiltag\n"
        "- Hvad går vi hjem og gør i praksis?"
    ),
    "scope": "",
    "content": (
        "Læringsdagen har udgangspunkt i:\n"
        "- Børne- og undervisningsministeriets kompetenceudviklingsinitiativ\n"
        "- Aktuel forskning og viden der præsenteres på kompetenceudviklingsforløb ved "
        "”Barnets første 1000 dage. Tidlig indsats i dagtilbud i de første leveår for børn i "
        "udsatte positioner”\n"
        "- Aktuel forskning og viden om ledelse i offentlige organisationer\n"
        "- Evaluering, data og opbygning af en god udviklingskultur"
    ),
    "learning_goals": (
        "Når du har afsluttet læringsdagen er målet, at du:\n"
        "- Har opnået større viden om organisatoriske strukturer og processer der understøtter "
        "indsatser i barnets første 1000 dage\n"
        "- Har opnået større viden om ledelsens positioner i forhold til at understøtte og "
        "kordinere indsatser ved barnets første 1000 dage\n"
        "- Har opnået større indsigt i at tænke kompetenceudvikling i et lokalt og strategisk "
        "perspektiv på dagtilbudsområdet\n"
        "- Har kendskab til central forskning og viden der præsenteres på "
        "kompetenceudviklingsforløb ved barnets første 1000 dage"
    ),
    "day": (
        "Læringsdagen tilrettelægges i en kombination af oplæg og faciliteret arbejde i mindre "
        "fora med konkret afdækning af status og udarbejdelse af planer for initiativer i det "
        "fremadrettede arbejde."
    ),
    "preparation": (
        "Det anbefales, at deltagerne forud for læringsdagen samler et billede af de "
        "eksisterende aktiviteter og organiseringer af indsatser i dagtilbudsområdet, som bliver "
        "basis og afsæt for arbejdet med ”Barnets første 1000 dage. Hensigten er at identificere "
        "udviklingsbehov, herunder strategisk kompetenceudvikling. Deltagerne modtager inden "
        "læringsdagen en skabelon der kan anvendes til kortlægningen."
    ),
    "follow_up": (
        "Det anbefales, at der efterfølgende arbejdes med lokal og kommunal forankring af "
        "arbejdet med ”Barnets første 1000 dage.”\n"
        "- Hvilke tegn kan I se ved realiseringen af medarbejderes kompetencer efter deres "
        "deltagelse i kompetenceudviklingsforløbende med ”Barnets første 1000 dage”\n"
        "- Igangsætter koordinerede strategiske udviklingstiltag\n"
        "- Etablerer understøttende tiltag og strukturer"
    ),
    "contact": (
        "Karen Stougaard, konsulent Arbejder bl.a. med specialpædagogik og psykologi\n"
        "Hanne Gregersen Kursussekretær"
    ),
}

STRONG_DAYCARE = {
    "title": (
        "Læringsdag for forvaltningschefer, klynge- og områdeledere samt pædagogiske konsulenter"
    ),
    "audience": Course.Audience.LEADERSHIP,
    "introduction": "Kurset hører under Stærke dagtilbud",
    "target_group": (
        "Målgruppen for denne læringsdag er forvaltningschefer, klynge- og områdeledere samt "
        "pædagogiske konsulenter og øvrige forvaltningsmedarbejdere, der er ansvarlige for at "
        "understøtte kompetenceudvikling og udviklingsstrukturer i dagtilbuddene."
    ),
    "scope": (
        "Læringsdagen svarer til 1 læringsdag på 7,5 timer. Dertil bør der beregnes tid til "
        "forberedelse forud for dagen samt efterfølgende forankringsaktiviteter."
    ),
    "content": (
        "Læringsdagen har udgangspunkt i:\n"
        "- Den styrkede pædagogiske læreplan – lovgrundlag og intentionerne bag (herunder "
        "pejlemærker for indhold)\n"
        "- Aktuel forskning og viden omkring pædagogiske læringsmiljøer af høj kvalitet\n"
        "- Evaluering, data og opbygning af en god evalueringskultur."
    ),
    "purpose": (
        "Formålet er at give deltagerne indsigt i den styrkede pædagogiske læreplans nye "
        "elementer og styrke deltagernes forudsætninger for at omsætte de nye elementer i det "
        "daglige arbejde – herunder i sparringsforløbene med de faglige ledere, faglige fyrtårne "
        "og dagplejere, i de efterfølgende forankrende og understøttende kommunale strukturer "
        "samt i den strategiske tænkning om kompetenceudvikling bredt set i kommunen. "
        "Læringsdagen har således fokus på:\n"
        "- Forvaltningens ledelsesrolle ift.  at understøtte og realisere den styrkede "
        "pædagogiske læreplan.\n"
        "- Hvordan kan vi konkret arbejde fremadrettet med henblik på at styrke strukturer, "
        "dialoger, metoder og strategisk kompetenceudvikling, som understøtter arbejdet med "
        "læringsmiljøer og den styrkede læreplan?\n"
        "- Forandring og forankring af nye tiltag med udgangspunkt i forberedelsen til "
        "læringsdagen.\n"
        "- De næste skridt – hvad går vi hjem og gør i praksis?"
    ),
    "learning_goals": (
        "Når deltagerne har afsluttet læringsdagen er målet, at de:\n"
        "- Har opnået større viden om at skabe kommunale strukturer for forandring og "
        "forankring med udgangspunkt i den styrkede læreplans indhold.\n"
        "- Har opnået større viden om forvaltningens rolle i forhold til at realisere den "
        "styrkede pædagogiske læreplan.\n"
        "- Har opnået større indsigt i at tænke kompetenceudvikling og faglig udvikling generelt "
        "i et lokalt og strategisk perspektiv.\n"
        "- Har kendskab til centrale elementer i den nye pædagogiske læreplan. Herunder hvad der "
        "kendetegner pædagogiske læringsmiljøer af høj kvalitet og en god evalueringskultur."
    ),
    "day": (
        "Læringsdagen tilrettelægges i en kombination af oplæg og faciliteret arbejde i mindre "
        "fora med konkret afdækning af status og udarbejdelse af handleplaner for det kommende "
        "arbejde."
    ),
    "preparation": (
        "Det anbefales, at deltagerne forud for læringsdagen i fællesskab skaber et samlet "
        "billede af de udviklingsaktiviteter på dagtilbudsområdet, som bliver basis og afsæt for "
        "arbejdet med den styrkede pædagogiske læreplan. Dette med henblik på at kunne "
        "identificere udviklingsbehov, herunder strategisk kompetenceudvikling og faglig "
        "udvikling. Udbyder tilbyder skabelon til kortlægning."
    ),
    "follow_up": (
        "Det anbefales, at der efterfølgende arbejdes med kommunal forankring af arbejdet med "
        "den styrkede pædagogiske læreplan, f.eks.\n"
        "- Hvilke tegn skal kunne ses på realiseringen af den styrkede pædagogiske læreplan – "
        "på forvaltningsniveau og i dagtilbud?\n"
        "- Igangsættelse af strategiske udviklingstiltag\n"
        "- Etablering af understøttende tiltag og strukturer."
    ),
}


def load_courses(municipality, administration) -> int:
    """The two seed courses; the second has a team about six weeks ahead with free seats."""
    new = 0
    for fields in (FIRST_1000_DAYS, STRONG_DAYCARE):
        _course, created = Course.objects.update_or_create(
            organisation=municipality,
            title=fields["title"],
            defaults={**fields, "created_by": administration},
        )
        new += created
    strong = Course.objects.get(organisation=municipality, title=STRONG_DAYCARE["title"])
    if not strong.runs.filter(starts_on__gte=timezone.localdate()).exists():
        run = CourseRun.objects.create(
            course=strong,
            starts_on=timezone.localdate() + timedelta(weeks=6),
            place="Eksempel Kommunes rådhus, mødesal 2",
            capacity=24,
        )
        Enrolment.objects.create(
            run=run,
            person=administration,
            status=Enrolment.Status.ENROLLED,
            enrolled_by=administration,
        )
    return new
