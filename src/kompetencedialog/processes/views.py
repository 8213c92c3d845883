from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kompetencedialog.processes.access import processes_for


@login_required
def process_list(request: HttpRequest) -> HttpResponse:
    return render(request, "processes/list.html", {"processes": processes_for(request.user)})
