from django.contrib import admin

from helpdesk.favorites.models import Favorite


@admin.register(Favorite)
class FavoriteAdmin(admin.ModelAdmin):
    list_display = ("user", "ticket", "created_at")
    search_fields = ("user__username", "=ticket__id")
    raw_id_fields = ("user", "ticket")
    list_select_related = ("user", "ticket")
