"""Views of case management, one module per part. Each module has its own `urlpatterns`."""
