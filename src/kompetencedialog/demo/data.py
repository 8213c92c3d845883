"""The demo municipality of the public contract: people, organisations, goals and processes.

Idempotent: running it again brings the demo up to date and creates nothing twice. Loaded only
by the ``demo`` command, never by migrations and never in production.
"""

from datetime import date, timedelta

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from kompetencedialog.courses.models import Course
from kompetencedialog.demo.courses import load_courses
from kompetencedialog.demo.examples import load_examples
from kompetencedialog.examples.models import PracticeExample
from kompetencedialog.organisations.models import Membership, Organisation, User
from kompetencedialog.processes.models import CompetenceArea, Goal, Outcome, Process
from kompetencedialog.processes.services import send_plan
from kompetencedialog.processes.taxonomy import ensure_areas
from kompetencedialog.toolkit.models import Card, Notebook, Toolkit

DEMO_PASSWORD = "demo-kompetence"
Role = Membership.Role
Kind = Organisation.Kind

TREE = {
    "Område Nord": {
        "Børnehuset Solsikken": ["Bikuben", "Myretuen"],
        "Vuggestuen Mælkebøtten": ["Sommerfuglene", "Larverne"],
        "Dagplejen Nord": ["Legestuegruppe Vest", "Legestuegruppe Øst"],
    },
    "Område Syd": {
        "Børnehaven Regnbuen": ["De Grønne", "De Røde"],
        "Skovbørnehaven Egern": ["Mosegruppen", "Skovgruppen"],
        "Integreret Institution Havblik": ["Vuggestuen", "Børnehaven"],
    },
}

PEOPLE = [
    # e-mail, name, organisation, role
    ("forvaltning@eksempel.test", "Frida Forvaltning", "Eksempel Kommune", Role.ADMINISTRATION),
    ("leder@eksempel.test", "Lene Leder", "Børnehuset Solsikken", Role.LEADER),
    ("paedagog@eksempel.test", "Per Pædagog", "Børnehuset Solsikken", Role.STAFF),
    ("tr@eksempel.test", "Tina Tillid", "Børnehuset Solsikken", Role.UNION_REP),
    ("leder.regnbuen@eksempel.test", "Rasmus Regnbue", "Børnehaven Regnbuen", Role.LEADER),
    ("leder.maelkeboetten@eksempel.test", "Maja Mælkebøtte", "Vuggestuen Mælkebøtten", Role.LEADER),
    ("leder.egern@eksempel.test", "Erik Egern", "Skovbørnehaven Egern", Role.LEADER),
    ("omraadeleder.nord@eksempel.test", "Nanna Nord", "Område Nord", Role.LEADER),
    ("leder@nabo.test", "Niels Nabo", "Nabo Børnehus", Role.LEADER),
]

GOALS = [
    (
        "Stærke børnefællesskaber",
        "Alle børn skal være en del af et børnefællesskab, hvor de trives, lærer og udvikler sig.",
    ),
    (
        "Et styrket sprogmiljø hele dagen",
        "Sproget understøttes i hverdagens rutiner, lege og aktiviteter, fra vuggestue til skole.",
    ),
    (
        "Tidlig indsats for børn i udsatte positioner",
        "Vi opdager tidligt og handler sammen, så alle børn får en god start på livet.",
    ),
]

# Each process: organisation, title, challenge, phase, goals, outcomes
# (phase key, card slug, kind, text, fields).
PROCESSES = [
    (
        "Børnehuset Solsikken",
        "Sprog i hverdagen",
        "Sproglig opmærksomhed i hverdagens rutiner",
        "intervene",
        ["Et styrket sprogmiljø hele dagen"],
        [
            (
                "investigate",
                "forstaaelse-af-udfordringen",
                "challenge",
                "Vi får ikke brugt garderobe og frokost som sproglige læringsrum",
                {},
            ),
            (
                "investigate",
                "forstaaelse-af-udfordringen",
                "challenge",
                "Flere børn med dansk som andetsprog mangler ordforråd ved skolestart",
                {},
            ),
            (
                "investigate",
                "oensker-til-fremtidig-praksis",
                "desired_practice",
                "Alle voksne sætter ord på det, børnene oplever, hele dagen",
                {},
            ),
            (
                "investigate",
                "overblik-over-erfaringer-og-kompetencer",
                "competence",
                "Erfaring med dialogisk læsning",
                {"competence_status": "existing", "area": "language"},
            ),
            (
                "investigate",
                "overblik-over-erfaringer-og-kompetencer",
                "competence",
                "Sprogunderstøttende strategier i rutiner",
                {"competence_status": "needed", "area": "language", "position": 1},
            ),
            (
                "investigate",
                "overblik-over-erfaringer-og-kompetencer",
                "competence",
                "Samarbejde med forældre om sprog",
                {"competence_status": "needed", "area": "parent_collaboration", "position": 2},
            ),
            (
                "intervene",
                "muligheder-for-kompetenceudvikling",
                "intervention",
                "Kollegial sparring om sprog i garderoben, hver anden uge",
                {"format": "peer_sparring"},
            ),
            (
                "intervene",
                "muligheder-for-kompetenceudvikling",
                "intervention",
                "Kursus i sprogunderstøttende strategier for hele personalegruppen",
                {"format": "course"},
            ),
        ],
    ),
    (
        "Vuggestuen Mælkebøtten",
        "Gode overgange",
        "Overgangen fra vuggestue til børnehave",
        "investigate",
        ["Stærke børnefællesskaber"],
        [
            (
                "investigate",
                "forstaaelse-af-udfordringen",
                "challenge",
                "Børnene mister relationer, når de skifter til børnehave",
                {},
            ),
            (
                "investigate",
                "overblik-over-erfaringer-og-kompetencer",
                "competence",
                "Brobygning mellem vuggestue og børnehave",
                {"competence_status": "needed", "area": "transitions"},
            ),
        ],
    ),
    (
        "Børnehaven Regnbuen",
        "Børnefællesskaber på legepladsen",
        "Børn, der står uden for legen",
        "plan",
        ["Stærke børnefællesskaber", "Tidlig indsats for børn i udsatte positioner"],
        [
            (
                "investigate",
                "forstaaelse-af-udfordringen",
                "challenge",
                "Nogle børn står ofte uden for legen på legepladsen",
                {},
            ),
            (
                "investigate",
                "overblik-over-erfaringer-og-kompetencer",
                "competence",
                "Guidning af leg og børnefællesskaber",
                {"competence_status": "needed", "area": "child_communities"},
            ),
            (
                "investigate",
                "overblik-over-erfaringer-og-kompetencer",
                "competence",
                "Opsporing af børn i udsatte positioner",
                {"competence_status": "needed", "area": "vulnerable_children"},
            ),
            (
                "intervene",
                "muligheder-for-kompetenceudvikling",
                "intervention",
                "Supervision fra PPR om legeguidning",
                {"format": "supervision"},
            ),
            (
                "plan",
                "synlighed-og-engagement",
                "engagement_action",
                "Fortællinger fra legepladsen på hvert personalemøde",
                {},
            ),
            (
                "plan",
                "forankring-i-praksis",
                "anchoring_action",
                "Fast legeguide-rolle på legepladsen hver formiddag",
                {},
            ),
            (
                "plan",
                "organisering-opfoelgning-og-beslutning",
                "marker",
                "Alle børn er en del af en leg mindst én gang om dagen",
                {"due_in_days": 90, "status": "on_track", "owner_name": "Rasmus Regnbue"},
            ),
            (
                "plan",
                "organisering-opfoelgning-og-beslutning",
                "action",
                "Aftale supervisionsforløb med PPR",
                {"due_in_days": -5, "status": "open", "owner_name": "Rasmus Regnbue"},
            ),
            (
                "plan",
                "organisering-opfoelgning-og-beslutning",
                "decision",
                "Personalemøder bruger 20 minutter på legeguidning",
                {"due_in_days": 14, "status": "pending", "owner_name": "Rasmus Regnbue"},
            ),
            (
                "plan",
                "organisering-opfoelgning-og-beslutning",
                "resource",
                "Supervision fra PPR",
                {"amount": "18000", "unit": "DKK"},
            ),
            (
                "plan",
                "organisering-opfoelgning-og-beslutning",
                "resource",
                "Tid til sparring",
                {"amount": "40", "unit": "hours"},
            ),
        ],
    ),
    (
        "Skovbørnehaven Egern",
        "Naturen som læringsrum",
        "",
        "investigate",
        [],
        [
            (
                "investigate",
                "overblik-over-erfaringer-og-kompetencer",
                "competence",
                "Naturfaglige aktiviteter med de yngste",
                {"competence_status": "needed", "area": "nature_science"},
            ),
        ],
    ),
    (
        "Eksempel Kommune",
        "Fælles evalueringskultur",
        "Data og dokumentation, der bliver brugt",
        "investigate",
        ["Et styrket sprogmiljø hele dagen"],
        [
            (
                "investigate",
                "overblik-over-erfaringer-og-kompetencer",
                "competence",
                "Pædagogisk brug af data i dagtilbud",
                {"competence_status": "needed", "area": "evaluation_culture"},
            ),
        ],
    ),
]


def _organisation(name: str, kind: str, parent=None, **fields) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        name=name, parent=parent, defaults={"kind": kind, **fields}
    )
    return organisation


def _build_tree() -> dict[str, Organisation]:
    by_name = {}
    municipality = _organisation("Eksempel Kommune", Kind.MUNICIPALITY)
    by_name[municipality.name] = municipality
    for area_name, institutions in TREE.items():
        area = _organisation(area_name, Kind.AREA, municipality)
        by_name[area_name] = area
        for institution_name, teams in institutions.items():
            institution = _organisation(
                institution_name,
                Kind.INSTITUTION,
                area,
                institution_type=Organisation.InstitutionType.DAYCARE,
                address=f"{institution_name.split()[-1]}vej 1, 8000 Eksempelby",
                size=60,
            )
            by_name[institution_name] = institution
            for team_name in teams:
                _organisation(team_name, Kind.TEAM, institution)
    # Kolding shares its published practice example (seed 003); nobody logs in there.
    by_name["Kolding Kommune"] = _organisation("Kolding Kommune", Kind.MUNICIPALITY)
    nabo = _organisation("Nabo Kommune", Kind.MUNICIPALITY)
    by_name[nabo.name] = nabo
    by_name["Nabo Børnehus"] = _organisation(
        "Nabo Børnehus", Kind.INSTITUTION, nabo, institution_type="daycare"
    )
    return by_name


def _people(organisations: dict[str, Organisation]) -> None:
    admin, created = User.objects.get_or_create(
        email="admin@kompetencedialog.test",
        defaults={"name": "Platformsadministrator", "is_staff": True, "is_superuser": True},
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    for email, name, organisation_name, role in PEOPLE:
        user, created = User.objects.get_or_create(email=email, defaults={"name": name})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.get_or_create(
            user=user, organisation=organisations[organisation_name], role=role
        )


def _processes(organisations: dict[str, Organisation], goals: dict[str, Goal]) -> int:
    toolkit = Toolkit.objects.get(variant=Toolkit.Variant.DAGTILBUD, is_current=True)
    cards = {
        (card.phase.key, card.slug): card
        for card in Card.objects.filter(phase__toolkit=toolkit, organisation=None).select_related(
            "phase"
        )
    }
    areas = {area.slug: area for area in CompetenceArea.objects.all()}
    leader = User.objects.get(email="leder@eksempel.test")
    today = timezone.localdate()
    created_count = 0
    for org_name, title, challenge, phase, goal_titles, outcomes in PROCESSES:
        organisation = organisations[org_name]
        if Process.objects.filter(organisation=organisation, title=title).exists():
            continue
        notebook = Notebook.objects.create(toolkit=toolkit, organisation=organisation, title=title)
        process = Process.objects.create(
            organisation=organisation,
            title=title,
            challenge=challenge,
            phase=phase,
            toolkit=toolkit,
            notebook=notebook,
            created_by=leader if org_name == "Børnehuset Solsikken" else None,
            phase_started=timezone.now() - timedelta(days=20 * (1 + len(outcomes) % 4)),
        )
        process.goals.set([goals[t] for t in goal_titles])
        for phase_key, card_slug, kind, text, fields in outcomes:
            fields = dict(fields)
            if "area" in fields:
                fields["area"] = areas[fields["area"]]
            if "due_in_days" in fields:
                fields["due"] = today + timedelta(days=fields.pop("due_in_days"))
            Outcome.objects.create(
                process=process, kind=kind, text=text, card=cards[(phase_key, card_slug)], **fields
            )
        if phase == "plan":
            # A plan in the planning phase has been sent once, so version history has something.
            sender = User.objects.filter(memberships__organisation=organisation).first() or leader
            send_plan(process=process, by=sender, message="Første udgave af vores plan.")
        created_count += 1
    return created_count


@transaction.atomic
def load_demo() -> list[str]:
    call_command("load_toolkits", verbosity=0)
    ensure_areas(CompetenceArea)
    organisations = _build_tree()
    _people(organisations)
    municipality = organisations["Eksempel Kommune"]
    goals = {}
    for title, description in GOALS:
        goals[title], _ = Goal.objects.get_or_create(
            organisation=municipality,
            title=title,
            defaults={
                "description": description,
                "period_start": date(2025, 1, 1),
                "period_end": date(2028, 12, 31),
            },
        )
    new_processes = _processes(organisations, goals)
    new_courses = load_courses(municipality, User.objects.get(email="forvaltning@eksempel.test"))
    new_examples = load_examples(organisations)
    return [
        f"{Organisation.objects.count()} organisations, {User.objects.count()} people",
        f"{Process.objects.count()} processes ({new_processes} new)",
        f"{Course.objects.count()} courses ({new_courses} new)",
        f"{PracticeExample.objects.count()} practice examples ({new_examples} new)",
        "Accounts: admin@kompetencedialog.test, forvaltning@eksempel.test, leder@eksempel.test,",
        "          paedagog@eksempel.test, leder@nabo.test",
    ]
