from django.http import HttpRequest, HttpResponse

from kompetencedialog.core.views import method_not_allowed


class MethodNotAllowedPageMiddleware:
    """Django has no handler for 405 and answers an empty page (e.g. a bookmarked form
    address opened with GET); give people the same kind of page as for 403 and 404."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or response.content or request.path.startswith("/api/"):
            return response
        page = method_not_allowed(request)
        page["Allow"] = response.get("Allow", "")
        return page
