from django.shortcuts import render

from accounts.decorators import role_required
from accounts.roles import Role


@role_required(Role.USER)
def ticket_list(request):
    return render(request, "portal/tickets/ticket_list.html")
