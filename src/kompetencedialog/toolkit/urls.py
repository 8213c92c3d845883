from django.urls import path, register_converter

from kompetencedialog.toolkit import views


class VariantConverter:
    regex = "dagtilbud|skole"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class PhaseKeyConverter(VariantConverter):
    regex = "investigate|intervene|plan"


register_converter(VariantConverter, "variant")
register_converter(PhaseKeyConverter, "phase")

app_name = "toolkit"
urlpatterns = [
    path("", views.overview, name="index"),
    path("<variant:variant>/", views.overview, name="overview"),
    path("<variant:variant>/proev/", views.start_practice, name="start_practice"),
    path("<variant:variant>/dialogkort.pdf", views.cards_pdf, name="cards_pdf"),
    path("<variant:variant>/plakat.pdf", views.poster_pdf, name="poster_pdf"),
    path("<variant:variant>/<phase:phase_key>/", views.phase_page, name="phase"),
    path("<variant:variant>/<phase:phase_key>/<slug:card_slug>/", views.card_page, name="card"),
    path("noter/<int:notebook_id>/<phase:phase_key>/", views.meeting, name="meeting"),
    path(
        "noter/<int:notebook_id>/<phase:phase_key>/<slug:card_slug>/",
        views.meeting,
        name="meeting_card",
    ),
    path(
        "noter/<int:notebook_id>/spoergsmaal/<int:question_id>/",
        views.save_note,
        name="save_note",
    ),
    path("organisation/<int:organisation_id>/", views.own_content, name="own_content"),
    path(
        "organisation/<int:organisation_id>/spoergsmaal/<int:question_id>/fjern/",
        views.remove_own_question,
        name="remove_own_question",
    ),
    path(
        "organisation/<int:organisation_id>/kort/<int:card_id>/fjern/",
        views.remove_own_card,
        name="remove_own_card",
    ),
]
