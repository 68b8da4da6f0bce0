"""django-markdownx's editor posts its live preview here. Its own preview view would render
with whatever the settings say and its upload view writes public files, so neither is
mounted: this preview runs the one sanitising renderer, for logged-in users only."""

from django.urls import path

from helpdesk.messages.views import preview as views

urlpatterns = [path("markdownify/", views.markdown_preview, name="markdownx_markdownify")]
