from functools import wraps

from django.http import JsonResponse
from django.urls import path
from django.utils.translation import gettext as _

from kompetencedialog.api.main import api


def _json_not_allowed(view):
    """ninja answers a method the path does not take with a plain-text 405; the API says it in
    JSON, like every other error."""

    @wraps(view)
    def answer(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code != 405:
            return response
        allowed = response["Allow"]
        detail = _("This address does not take %(method)s. Use %(allowed)s.") % {
            "method": request.method,
            "allowed": allowed,
        }
        return JsonResponse({"detail": detail}, status=405, headers={"Allow": allowed})

    return answer


api_urls = api.urls
for pattern in api_urls[0]:
    pattern.callback = _json_not_allowed(pattern.callback)

urlpatterns = [
    path("", api_urls),
]
