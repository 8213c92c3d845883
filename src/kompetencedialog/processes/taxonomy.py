"""The starting taxonomy of competence areas (see shared/competence-areas.md).

Reference data, not demo data: a migration puts it in every database, and ``ensure_areas`` adds
any that are missing without touching what a platform administrator has changed since.
"""

AREAS = [
    # slug, Danish name, English name, group
    (
        "personal_development",
        "Alsidig personlig udvikling",
        "All-round personal development",
        "læreplanstema",
    ),
    ("social_development", "Social udvikling", "Social development", "læreplanstema"),
    ("language", "Kommunikation og sprog", "Communication and language", "læreplanstema"),
    ("body_movement", "Krop, sanser og bevægelse", "Body, senses and movement", "læreplanstema"),
    (
        "nature_science",
        "Natur, udeliv og science",
        "Nature, outdoor life and science",
        "læreplanstema",
    ),
    (
        "culture_aesthetics",
        "Kultur, æstetik og fællesskab",
        "Culture, aesthetics and community",
        "læreplanstema",
    ),
    (
        "child_perspective",
        "Børnesyn, dannelse og børneperspektiv",
        "View of children, formation and the child's perspective",
        "pædagogisk grundlag",
    ),
    ("play", "Leg", "Play", "pædagogisk grundlag"),
    ("learning", "Læring", "Learning", "pædagogisk grundlag"),
    ("child_communities", "Børnefællesskaber", "Children's communities", "pædagogisk grundlag"),
    (
        "learning_environment",
        "Pædagogisk læringsmiljø hele dagen",
        "Pedagogical learning environment all day",
        "pædagogisk grundlag",
    ),
    (
        "parent_collaboration",
        "Forældresamarbejde",
        "Collaboration with parents",
        "pædagogisk grundlag",
    ),
    (
        "vulnerable_children",
        "Børn i udsatte positioner",
        "Children in vulnerable positions",
        "pædagogisk grundlag",
    ),
    ("transitions", "Sammenhæng og overgange", "Coherence and transitions", "pædagogisk grundlag"),
    (
        "first_1000_days",
        "Barnets første 1000 dage, tidlig indsats",
        "The child's first 1000 days, early intervention",
        "indsatsområde",
    ),
    (
        "inclusion_special_needs",
        "Inklusion og specialpædagogik",
        "Inclusion and special needs education",
        "indsatsområde",
    ),
    (
        "evaluation_culture",
        "Evalueringskultur, data og dokumentation",
        "Evaluation culture, data and documentation",
        "organisation",
    ),
    (
        "professional_leadership",
        "Pædagogisk og faglig ledelse",
        "Pedagogical and professional leadership",
        "organisation",
    ),
    (
        "interprofessional",
        "Tværfagligt samarbejde og myndighedsopgaver",
        "Interprofessional collaboration and statutory tasks",
        "organisation",
    ),
    ("digital", "Digital dannelse og teknologi", "Digital literacy and technology", "andet"),
    ("other", "Andet", "Other", "andet"),
]


def ensure_areas(model) -> int:
    """Add the areas that are missing; returns how many. ``model`` may be a migration's."""
    added = 0
    for position, (slug, name, name_en, group) in enumerate(AREAS):
        _area, created = model.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "name_en": name_en, "group": group, "position": position},
        )
        added += created
    return added
