"""WebSocket routes, collected from the apps that speak the live protocol."""

from kompetencedialog.meetings.routing import websocket_urlpatterns

__all__ = ["websocket_urlpatterns"]
