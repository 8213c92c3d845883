from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kompetencedialog.organisations.access import visible_organisations


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = visible_organisations(request.user).order_by("path")
    return render(request, "organisations/list.html", {"organisations": organisations})


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    memberships = request.user.memberships.select_related("organisation")
    return render(request, "organisations/profile.html", {"memberships": memberships})
