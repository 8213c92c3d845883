from django.contrib.auth import views as auth_views
from django.urls import path

from kompetencedialog.organisations import pickers, views

app_name = "organisations"
urlpatterns = [
    path("organisationer/", views.organisation_list, name="list"),
    path("organisationer/ny/", views.create_top_organisation, name="create_top"),
    path("organisationer/<int:organisation_id>/", views.organisation_detail, name="detail"),
    path("organisationer/<int:organisation_id>/ny/", views.create_organisation, name="create"),
    path("organisationer/<int:organisation_id>/rediger/", views.edit_organisation, name="edit"),
    path("organisationer/<int:organisation_id>/flyt/", views.move_organisation, name="move"),
    path("organisationer/<int:organisation_id>/personer/", views.people, name="people"),
    path(
        "organisationer/<int:organisation_id>/personer/<int:person_id>/fjern/",
        views.remove_person,
        name="remove_person",
    ),
    path("roller/<int:membership_id>/skift/", views.change_role, name="change_role"),
    path("roller/<int:membership_id>/fjern/", views.remove_role, name="remove_role"),
    path(
        "organisationer/<int:organisation_id>/invitationer/",
        views.invitations,
        name="invitations",
    ),
    path(
        "invitationer/<int:invitation_id>/annuller/",
        views.revoke_invitation,
        name="revoke_invitation",
    ),
    path("organisationer/<int:organisation_id>/import/", views.import_people, name="import"),
    path("organisationer/<int:organisation_id>/log/", views.audit_log, name="audit"),
    path("personer/soeg/", pickers.search_people, name="search_people"),
    path("profil/", views.profile, name="profile"),
    path("profil/tokens/", views.create_token, name="create_token"),
    path("profil/tokens/<int:token_id>/tilbagekald/", views.revoke_token, name="revoke_token"),
    path("profil/mine-data.json", views.download_data, name="download_data"),
    path("profil/forlad/", views.leave, name="leave"),
]

# Logging in and out and resetting a password, under Django's usual (un-namespaced) names; the
# templates are ours (organisations/…), so Django admin's look-alikes never show.
account_urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("invitation/<str:token>/", views.accept_invitation, name="invitation"),
    path("glemt-adgangskode/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "glemt-adgangskode/sendt/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="organisations/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "nulstil/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "nulstil/faerdig/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="organisations/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
