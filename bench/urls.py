"""The project's URLs plus the floor pages (bench/floor.py), for the benchmark only."""

from django.urls import include, path

urlpatterns = [path("", include("bench.floor")), path("", include("helpdesk.urls"))]
