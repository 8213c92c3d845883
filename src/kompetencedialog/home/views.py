from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kompetencedialog.processes.forms import organisations_to_start_in
from kompetencedialog.processes.selectors import processes_with_progress


def home(request: HttpRequest) -> HttpResponse:
    """The front page: the person's processes and next steps, or an introduction to the tool."""
    context = {}
    if request.user.is_authenticated:
        context = {
            "processes": processes_with_progress(request.user)[:10],
            "can_start": organisations_to_start_in(request.user).exists(),
        }
    return render(request, "home/home.html", context)
