"""The versioned HTTP API (``/api/v1/``), described by OpenAPI at ``/api/v1/openapi.json``."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Kompetencedialog API",
    version="1",
    description="Strategisk kompetenceudvikling: dialogredskab, forløb, planer og overblik.",
    urls_namespace="api-1",
)


@api.get("/health", auth=None, tags=["system"])
def health(request):
    return {"status": "ok"}
