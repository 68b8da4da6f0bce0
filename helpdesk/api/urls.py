from django.urls import path

from helpdesk.api import views

urlpatterns = [path("", views.endpoint, name="billmgr")]
