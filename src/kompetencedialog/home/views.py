from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    """The front page: the person's processes and next steps, or an introduction to the tool."""
    return render(request, "home/home.html")
