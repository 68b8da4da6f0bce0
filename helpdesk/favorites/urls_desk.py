from django.urls import path

from helpdesk.favorites.views import desk

urlpatterns = [
    path("favorites/", desk.ticket_favorite, name="ticket_favorite"),
    path("favorites/add/", desk.favorite_add, name="favorite_add"),
    path("favorites/remove/", desk.favorite_remove, name="favorite_remove"),
]
